// The load generator of `npm run bench:http`, in a process of its own so that its CPU
// is measured apart from the server's and, with BENCH_LOADGEN_NICE=<n>, it can yield the
// cores to the server (a load generator on the server's own two cores takes CPU the server
// would use at 8 clients, and none at one). Reads autocannon's options as JSON on stdin
// (cookies stay out of the process list), and writes the response times, statuses, duration
// and its own CPU time as JSON on stdout.
import os from "node:os";
import autocannon from "autocannon";

const nice = Number(process.env.BENCH_LOADGEN_NICE ?? 0);
// Raising one's own niceness needs no privilege; on Linux it applies to this (main) thread,
// which is where autocannon sends and reads.
if (nice > 0) os.setPriority(0, nice);

let input = "";
for await (const chunk of process.stdin) input += chunk;
const options = JSON.parse(input);

const times = [];
const statuses = {};
const cpuBefore = process.cpuUsage();
const result = await new Promise((resolve, reject) => {
  const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
  instance.on("response", (_client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
});
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  JSON.stringify({
    times,
    statuses,
    duration: result.duration,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
