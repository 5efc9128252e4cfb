// `npm run audit:head`: prints the last entry of the audit log, `seq N head HASH`.
// Record that line somewhere off the server (a notebook, another machine).
//
// `npm run audit:verify [-- --head HASH]`: recomputes the whole hash chain
// from the database and names the first entry that does not fit. With
// --head, also proves the log was not cut or rewritten after HASH was recorded.
//
// Exit codes: 0 intact; 1 the chain is broken; 2 the --head hash is not in the
// chain; 3 the check could not run (usage, no database).
// Only seqs, hashes and counts are printed: never an entry's details,
// addresses or user agents.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeReads } from "~/db/reads.server";
import { database, prisma } from "~/db.server";
import {
  auditHead,
  GENESIS_HASH,
  pendingAudit,
  verifyAuditChain,
  type ChainVerdict,
} from "~/modules/audit/audit.server";

const USAGE = `usage: npm run audit:head
       npm run audit:verify [-- --head HASH]
  head     print the last entry of the audit log: keep the line somewhere off the server
  verify   recompute the hash chain and name the first entry that does not fit;
           --head HASH (printed earlier by audit:head or audit:verify) also proves
           that no entry written up to that head was cut off or rewritten since
Exit codes: 0 intact, 1 chain broken, 2 the --head hash is not in the chain, 3 could not check.`;

const EXIT = { ok: 0, broken: 1, headNotFound: 2, cannotCheck: 3 } as const;

class UsageError extends Error {}

const entries = (n: number) => `${n} ${n === 1 ? "entry" : "entries"}`;
const entryBefore = (count: number) => (count === 0 ? "the start of the log" : `entry ${count}`);

/** One admin-readable sentence for the first entry that does not fit. */
async function describeBreak(verdict: Extract<ChainVerdict, { ok: false }>): Promise<string> {
  const { brokenAtSeq: seq, count, foundAtSeq } = verdict;
  const before = entryBefore(count);
  switch (verdict.reason) {
    case "altered":
      return `Entry ${seq} was altered: its contents no longer match its hash.`;
    case "missing": {
      const next = await prisma.auditEntry.findFirst({
        where: { seq: { gt: seq } },
        orderBy: { seq: "asc" },
        select: { seq: true },
      });
      const last = (next?.seq ?? seq + 1) - 1;
      const gap = last > seq ? `Entries ${seq}–${last} are` : `Entry ${seq} is`;
      return `${gap} missing (deleted): the log jumps from ${before} to entry ${next?.seq ?? "?"}.`;
    }
    case "inserted":
      if (seq < 1)
        return `Entry ${seq} was inserted: Adal numbers entries from 1, so no entry comes before the first.`;
      if (seq > count + 1)
        return `Entry ${seq} was inserted: it claims to follow ${before} but skips entr${seq - count > 2 ? `ies ${count + 1}–${seq - 1}` : `y ${count + 1}`}.`;
      return `Entry ${seq} was inserted: it links to no entry of the log, and the entry that follows ${before} was moved to entry ${foundAtSeq} to make room.`;
    case "unlinked":
      return foundAtSeq === undefined
        ? `Entry ${seq} does not link to ${before}: its link to the entry before was rewritten, or the entry that followed ${before} was replaced.`
        : `Entry ${seq} is out of order: the entry that follows ${before} is stored as entry ${foundAtSeq} (entries were swapped, moved or renumbered).`;
  }
}

async function head(): Promise<number> {
  const { seq, hash } = await auditHead();
  console.log(`seq ${seq} head ${hash}`);
  return EXIT.ok;
}

/** Entries written but not yet linked (PostgreSQL's chainer): not tampering, and not yet protected. */
async function reportPending(): Promise<void> {
  const { count, oldest } = await pendingAudit();
  if (count === 0) return;
  const age = oldest ? Math.round((Date.now() - oldest.getTime()) / 1000) : 0;
  console.log(
    `${entries(count)} written but not yet chained (the oldest ${age} s ago): not checked here, and not tampering; ` +
      (age > 60
        ? "the chainer seems not to run: is the server up? (it links them within a second)"
        : "the server's chainer links them within a second."),
  );
}

async function verify(knownHead: string | undefined): Promise<number> {
  const verdict = await verifyAuditChain(undefined, knownHead === undefined ? {} : { knownHead });
  await reportPending();
  if (!verdict.ok) {
    console.error(`Audit log BROKEN. ${await describeBreak(verdict)}`);
    console.error(
      `${entries(verdict.count)} before it verified; nothing from entry ${verdict.count + 1} on can be trusted.`,
    );
    if (knownHead !== undefined) {
      console.error(
        verdict.knownHeadSeq == null
          ? "The --head hash is not among the entries verified before the break."
          : `The --head hash is entry ${verdict.knownHeadSeq}, before the break.`,
      );
    }
    return EXIT.broken;
  }
  console.log(
    `Audit log intact: ${entries(verdict.count)}, seq ${verdict.count} head ${verdict.headHash}`,
  );
  if (knownHead === undefined) return EXIT.ok;
  if (verdict.knownHeadSeq == null) {
    console.error(
      `The --head hash is NOT in the audit log: entries were cut from its end (or it was rewritten from an earlier entry on) after that head was recorded, or the hash was mistyped. The log now ends at entry ${verdict.count}.`,
    );
    return EXIT.headNotFound;
  }
  const later = verdict.count - verdict.knownHeadSeq;
  const where =
    knownHead === GENESIS_HASH
      ? "the genesis hash (the log was empty when it was recorded)"
      : `entry ${verdict.knownHeadSeq} of the chain: nothing up to it was cut off`;
  const since =
    later === 0 ? "no entries were" : `${entries(later)} ${later === 1 ? "was" : "were"}`;
  console.log(`The --head hash is ${where}; ${since} written after it.`);
  return EXIT.ok;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { head: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const [command, ...rest] = positionals;
  if ((command !== "head" && command !== "verify") || rest.length > 0) throw new UsageError(USAGE);
  let knownHead: string | undefined;
  if (values.head !== undefined) {
    if (command !== "verify") throw new UsageError(`--head goes with verify.\n${USAGE}`);
    knownHead = values.head.trim().toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(knownHead))
      throw new UsageError(
        "--head must be a hash of 64 hexadecimal characters, as printed by `npm run audit:head`.",
      );
  }
  if (
    database.provider === "sqlite" &&
    database.filePath !== ":memory:" &&
    !existsSync(database.filePath)
  ) {
    throw new UsageError(
      `No database at ${database.filePath}: set DATABASE_URL to the one the server uses.`,
    );
  }
  return command === "head" ? head() : verify(knownHead);
}

let code: number;
try {
  code = await main();
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
  } else if (
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`${error.message}\n${USAGE}`);
  } else {
    // Prisma's messages open with the code of the call; the cause is the last line.
    const message = error instanceof Error ? error.message : String(error);
    console.error("Could not check the audit log:", message.trim().split("\n").at(-1));
  }
  code = EXIT.cannotCheck;
}
await closeReads().catch(() => {});
await prisma.$disconnect().catch(() => {});
process.exit(code);
