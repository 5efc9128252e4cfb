#!/usr/bin/env node
// Drill: hostile requests against a running Adal (local only, bounded).
//   DRILL_URL=http://127.0.0.1:3210 node scripts/drills/hostile-requests.js
// Sends malformed Host headers, non-form bodies to every kind of action,
// oversized bodies (declared and streamed) while honest users load /login,
// and cross-site exports. Prints: acknowledged (answers received), found (the
// answers that were the expected 4xx), lost (no answer), 5xx, and recovery
// time (how long after the burst /login answered again). Exit 1 on any 5xx or
// lost request, or when an honest request waited longer than 5 s.
import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";

const base = new URL(process.env.DRILL_URL || "http://127.0.0.1:3210");
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(base.hostname)) {
  console.error("drill: local targets only (127.0.0.1 / localhost)");
  process.exit(2);
}
// The honest user runs in a process of its own: the burst's writes would
// otherwise slow this process's own event loop, not the server's.
if (process.env.DRILL_HONEST === "1") {
  const latencies = [];
  let stop = false;
  process.on("message", () => (stop = true));
  while (!stop) {
    const started = Date.now();
    await new Promise((resolve) => {
      http
        .get({ host: base.hostname, port: base.port, path: "/login" }, (res) => {
          res.resume();
          res.on("end", () =>
            resolve(latencies.push({ status: res.statusCode, ms: Date.now() - started })),
          );
        })
        .on("error", () => resolve(latencies.push({ status: 0, ms: Date.now() - started })));
    });
  }
  process.send(latencies, () => process.exit(0));
  await new Promise(() => {}); // never run the drill itself in this process
}
const BURST = Number(process.env.DRILL_BURST || 100);
const BIG_BYTES = 14 * 1024 * 1024;

const counts = { acknowledged: 0, found: 0, lost: 0, "5xx": 0 };
const problems = [];

function send({ path, method = "GET", headers = {}, body, streamBytes }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const req = http.request(
      { host: base.hostname, port: base.port, path, method, headers, timeout: 30_000 },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, ms: Date.now() - started }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ status: 0, error, ms: Date.now() - started }));
    if (streamBytes) {
      const chunk = Buffer.alloc(64 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < streamBytes) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once("drain", pump);
        }
        req.end();
      };
      req.on("error", () => {});
      pump();
    } else {
      req.end(body);
    }
  });
}

function tally(name, answer, expected) {
  if (answer.status === 0) {
    // The server may close a connection on purpose after refusing a large body.
    if (!expected.includes(0)) {
      counts.lost += 1;
      problems.push(`${name}: no answer (${answer.error?.message})`);
    }
    return;
  }
  counts.acknowledged += 1;
  if (answer.status >= 500) {
    counts["5xx"] += 1;
    problems.push(`${name}: ${answer.status}`);
  }
  if (expected.includes(answer.status)) counts.found += 1;
  else if (answer.status < 500) problems.push(`${name}: ${answer.status}, expected ${expected}`);
}

const local = base.host;
const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: base.origin };

// 1. Malformed Host headers.
for (const host of ["a b", "a\tb", "[::1", "x@y", "a/b", "local host"]) {
  tally(
    `Host ${JSON.stringify(host)}`,
    await send({ path: "/login", headers: { Host: host } }),
    [400],
  );
}

// 2. Bodies that are not forms, on actions anyone can reach.
for (const path of ["/login", "/language"]) {
  for (const contentType of ["application/json", "text/plain", "application/octet-stream"]) {
    tally(
      `${path} ${contentType}`,
      await send({
        path,
        method: "POST",
        headers: { Host: local, Origin: base.origin, "Content-Type": contentType },
        body: '{"email":"a@b.kz","password":"x","lang":"ru"}',
      }),
      [415],
    );
  }
}

// 3. Cross-site exports (without a session they redirect to sign-in; never 200).
for (const path of ["/audit/export.csv", "/cases/export.csv"]) {
  tally(
    `${path} cross-site`,
    await send({ path, headers: { Host: local, "Sec-Fetch-Site": "cross-site" } }),
    [302, 403],
  );
}

// 4. A burst of large bodies while honest users load /login.
const honestUser = fork(fileURLToPath(import.meta.url), {
  env: { ...process.env, DRILL_HONEST: "1" },
});
const honestDone = new Promise((resolve) => honestUser.once("message", resolve));
await new Promise((resolve) => setTimeout(resolve, 300));
const burstStarted = Date.now();
const burst = [];
for (let i = 0; i < BURST; i += 1) {
  const declared = i % 2 === 0;
  const path = ["/login", "/cases/new", "/language", "/settings"][i % 4];
  burst.push(
    send({
      path,
      method: "POST",
      headers: declared
        ? { Host: local, ...form, "Content-Length": String(BIG_BYTES) }
        : { Host: local, ...form, "Transfer-Encoding": "chunked" },
      streamBytes: BIG_BYTES,
    }).then((answer) =>
      tally(`${declared ? "declared" : "chunked"} ${path} 14 MiB`, answer, [0, 302, 303, 413]),
    ),
  );
}
await Promise.all(burst);
const burstMs = Date.now() - burstStarted;
honestUser.send("stop");
const honest = await honestDone;
const recoveryStarted = Date.now();
const after = await send({ path: "/login", headers: { Host: local } });
tally("/login after the burst", after, [200]);
const recoveryMs = Date.now() - recoveryStarted;
for (const answer of honest) tally("honest /login during the burst", answer, [200]);
const slowest = Math.max(0, ...honest.map((a) => a.ms));
if (slowest > 5000) problems.push(`an honest /login waited ${slowest} ms during the burst`);

console.log(
  JSON.stringify(
    {
      ...counts,
      recoveryMs,
      burst: { bodies: BURST, bytesEach: BIG_BYTES, ms: burstMs },
      honestDuringBurst: { requests: honest.length, slowestMs: slowest },
    },
    null,
    2,
  ),
);
for (const problem of problems) console.log(`problem: ${problem}`);
process.exit(counts["5xx"] > 0 || counts.lost > 0 || slowest > 5000 ? 1 : 0);
