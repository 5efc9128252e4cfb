// `npm run audit:head` and `npm run audit:verify`, run as an admin would run
// them, against a log tampered with behind the app's back with raw SQL.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  GENESIS_HASH,
  auditHead,
  entryHash,
  recordAudit,
  verifyAuditChain,
} from "~/modules/audit/audit.server";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const USER_AGENT = "Mozilla/5.0 (X11; audit-test-agent)";
const WORKER = "Gulnara Secret-Witness";

type Run = { code: number; stdout: string; stderr: string };

/** `node node_modules/tsx/dist/cli.mjs scripts/audit.ts ARGS` on this file's database. */
async function cli(...args: string[]): Promise<Run> {
  const run = await new Promise<Run>((resolve, reject) => {
    execFile(
      process.execPath,
      ["node_modules/tsx/dist/cli.mjs", "scripts/audit.ts", ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
  // Only seqs, hashes and counts: never details, addresses or user agents.
  for (const secret of [WORKER, "192.0.2.", USER_AGENT, "audit-test-agent", '"n":'])
    expect(run.stdout + run.stderr).not.toContain(secret);
  return run;
}

const sql = (statement: string) => prisma.$executeRawUnsafe(statement);

async function record(count: number) {
  for (let n = 1; n <= count; n++) {
    await recordAudit({
      action: "auth.login_failed",
      details: { n, worker: WORKER },
      ipAddress: `192.0.2.${n}`,
      userAgent: USER_AGENT,
    });
  }
}

const hashOf = async (seq: number) =>
  (await prisma.auditEntry.findUniqueOrThrow({ where: { seq }, select: { hash: true } })).hash;

/** Swaps two whole rows (every column but seq), through a free seq as the primary key demands. */
async function swapRows(a: number, b: number) {
  await sql(`UPDATE "AuditEntry" SET "seq" = -999 WHERE "seq" = ${a}`);
  await sql(`UPDATE "AuditEntry" SET "seq" = ${a} WHERE "seq" = ${b}`);
  await sql(`UPDATE "AuditEntry" SET "seq" = ${b} WHERE "seq" = -999`);
}

/** A forged row at `seq` (its date copied from entry `like`, so the SQL is the same on both databases). */
async function forge(seq: number, prevHash: string, like: number, { rehash = false } = {}) {
  await sql(
    `INSERT INTO "AuditEntry" ("seq", "createdAt", "action", "details", "prevHash", "hash")
     SELECT ${seq}, "createdAt", 'user.deactivated', '{}', '${prevHash}', '${"e".repeat(63)}${seq % 10}'
     FROM "AuditEntry" WHERE "seq" = ${like}`,
  );
  if (rehash) {
    // A forger who knows the scheme gives the row a hash that fits its contents.
    const row = await prisma.auditEntry.findUniqueOrThrow({ where: { seq } });
    await sql(
      `UPDATE "AuditEntry" SET "hash" = '${entryHash(row, prevHash)}' WHERE "seq" = ${seq}`,
    );
  }
}

beforeEach(async () => {
  await prisma.auditEntry.deleteMany();
});

describe("npm run audit:head", () => {
  it("prints seq 0 and the genesis hash for an empty log", async () => {
    expect(await cli("head")).toEqual({
      code: 0,
      stdout: `seq 0 head ${GENESIS_HASH}\n`,
      stderr: "",
    });
  });

  it("prints the seq and hash of the last entry on one line", async () => {
    await record(3);
    const run = await cli("head");
    expect(run).toEqual({ code: 0, stdout: `seq 3 head ${await hashOf(3)}\n`, stderr: "" });
    expect(await auditHead()).toEqual({ seq: 3, hash: await hashOf(3) });
  });
});

describe("npm run audit:verify", () => {
  it("exits 0 with the count and head hash when the log is intact", async () => {
    await record(6);
    const run = await cli("verify");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Audit log intact: 6 entries, seq 6 head ${await hashOf(6)}\n`);
    expect(run.stderr).toBe("");
  });

  it("names an entry whose details were edited", async () => {
    await record(6);
    await sql(
      `UPDATE "AuditEntry" SET "details" = '{"n":3,"worker":"someone else"}' WHERE "seq" = 3`,
    );
    const run = await cli("verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Entry 3 was altered: its contents no longer match its hash.");
    expect(run.stderr).toContain("2 entries before it verified");
    expect(run.stdout).toBe("");
  });

  it("names the gap where a middle entry was deleted", async () => {
    await record(6);
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" = 3`);
    const run = await cli("verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "Entry 3 is missing (deleted): the log jumps from entry 2 to entry 4.",
    );
  });

  it("names a forged row that links to the head but skips seqs, even with a valid hash", async () => {
    await record(6);
    await forge(10, await hashOf(6), 6, { rehash: true });
    const run = await cli("verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "Entry 10 was inserted: it claims to follow entry 6 but skips entries 7–9.",
    );
    expect(run.stderr).toContain("6 entries before it verified");
  });

  it("names a forged row slipped into the middle by renumbering the entries after it", async () => {
    await record(6);
    await sql(`UPDATE "AuditEntry" SET "seq" = "seq" + 1000 WHERE "seq" >= 3`);
    await sql(`UPDATE "AuditEntry" SET "seq" = "seq" - 999 WHERE "seq" > 1000`);
    await forge(3, "d".repeat(64), 2);
    const run = await cli("verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "Entry 3 was inserted: it links to no entry of the log, and the entry that follows entry 2 was moved to entry 4 to make room.",
    );
  });

  it("names the first of two entries that were swapped", async () => {
    await record(6);
    await swapRows(2, 4);
    const run = await cli("verify");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "Entry 2 is out of order: the entry that follows entry 1 is stored as entry 4",
    );
  });

  it("with --head, proves nothing was cut from the end, and exits 2 once the tail is truncated", async () => {
    await record(6);
    const recorded = (await cli("head")).stdout.trim().split(" ");
    expect(recorded.slice(0, 3)).toEqual(["seq", "6", "head"]);
    const [head6, hash4] = [recorded[3]!, await hashOf(4)];

    const [atHead, earlier] = await Promise.all([
      cli("verify", "--head", head6.toUpperCase()),
      cli("verify", "--head", hash4),
    ]);
    expect(atHead.code).toBe(0);
    expect(atHead.stdout).toContain(
      "The --head hash is entry 6 of the chain: nothing up to it was cut off; no entries were written after it.",
    );
    expect(earlier.code).toBe(0);
    expect(earlier.stdout).toContain(
      "entry 4 of the chain: nothing up to it was cut off; 2 entries were written after it.",
    );

    await sql(`DELETE FROM "AuditEntry" WHERE "seq" >= 5`);
    const [plain, cut, stillThere] = await Promise.all([
      cli("verify"),
      cli("verify", "--head", head6),
      cli("verify", "--head", hash4),
    ]);
    expect(plain.code).toBe(0); // a cut tail is still a valid chain: only the recorded head shows it
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain("The --head hash is NOT in the audit log");
    expect(cut.stderr).toContain("The log now ends at entry 4.");
    expect(stillThere.code).toBe(0);
    expect(stillThere.stdout).toContain("entry 4 of the chain");
  });

  it("with --head, catches a log re-hashed from an edited entry on, which alone looks intact", async () => {
    await record(5);
    const oldHead = await hashOf(5);
    await sql(`UPDATE "AuditEntry" SET "details" = '{}' WHERE "seq" = 3`);
    let prevHash = await hashOf(2);
    for (let seq = 3; seq <= 5; seq++) {
      const row = await prisma.auditEntry.findUniqueOrThrow({ where: { seq } });
      const hash = entryHash(row, prevHash);
      await sql(
        `UPDATE "AuditEntry" SET "prevHash" = '${prevHash}', "hash" = '${hash}' WHERE "seq" = ${seq}`,
      );
      prevHash = hash;
    }
    const [plain, withHead] = await Promise.all([cli("verify"), cli("verify", "--head", oldHead)]);
    expect(plain.code).toBe(0);
    expect(withHead.code).toBe(2);
  });

  it("reports a broken chain (exit 1) before looking for the --head hash", async () => {
    await record(4);
    const head = await hashOf(4);
    await sql(`UPDATE "AuditEntry" SET "action" = 'auth.logout' WHERE "seq" = 3`);
    const run = await cli("verify", "--head", head);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Entry 3 was altered");
    expect(run.stderr).toContain(
      "The --head hash is not among the entries verified before the break.",
    );
  });

  it("exits 3 with a usage message for a malformed hash or an unknown command", async () => {
    const [malformed, unknown] = await Promise.all([
      cli("verify", "--head", "9f00"),
      cli("repair"),
    ]);
    expect(malformed.code).toBe(3);
    expect(malformed.stderr).toContain("--head must be a hash of 64 hexadecimal characters");
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain("usage: npm run audit:head");
  });
});

describe("verifyAuditChain names each kind of break (batches of 2)", () => {
  it("a row numbered before the first entry is inserted", async () => {
    await record(3);
    await forge(0, "c".repeat(64), 1);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 0,
      brokenAtSeq: 0,
      reason: "inserted",
    });
  });

  it("adjacent entries swapped are out of order at the first of them", async () => {
    await record(4);
    await swapRows(1, 2);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 0,
      brokenAtSeq: 1,
      reason: "unlinked",
      foundAtSeq: 2,
    });
  });

  it("an entry moved to another seq is out of order where it belongs", async () => {
    await record(5);
    await sql(`UPDATE "AuditEntry" SET "seq" = 100 WHERE "seq" = 3`);
    expect(await verifyAuditChain(2)).toMatchObject({
      brokenAtSeq: 3,
      reason: "unlinked",
      foundAtSeq: 100,
    });
    await sql(`UPDATE "AuditEntry" SET "seq" = 3 WHERE "seq" = 100`);
    await sql(`UPDATE "AuditEntry" SET "seq" = 9 WHERE "seq" = 5`); // the head, moved
    expect(await verifyAuditChain(2)).toMatchObject({
      count: 4,
      brokenAtSeq: 5,
      reason: "unlinked",
      foundAtSeq: 9,
    });
  });

  it("contents swapped between rows that keep their hashes are altered", async () => {
    await record(4);
    await sql(`UPDATE "AuditEntry" SET "details" = '{"n":3,"worker":"x"}' WHERE "seq" = 2`);
    await sql(`UPDATE "AuditEntry" SET "details" = '{"n":2,"worker":"x"}' WHERE "seq" = 3`);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 1,
      brokenAtSeq: 2,
      reason: "altered",
    });
  });

  it("a forged row appended without the right link does not link to the head", async () => {
    await record(3);
    await forge(4, "b".repeat(64), 3);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 3,
      brokenAtSeq: 4,
      reason: "unlinked",
    });
  });

  it("finds a break past the first batch", async () => {
    await record(7);
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" IN (5, 6)`);
    expect(await verifyAuditChain(2)).toEqual({
      ok: false,
      count: 4,
      brokenAtSeq: 5,
      reason: "missing",
    });
  });

  it("says where a known head is in the chain, and only when asked", async () => {
    await record(5);
    const third = await hashOf(3);
    const head = await hashOf(5);
    expect(await verifyAuditChain(2, { knownHead: third })).toEqual({
      ok: true,
      count: 5,
      headHash: head,
      knownHeadSeq: 3,
    });
    expect(await verifyAuditChain(2, { knownHead: GENESIS_HASH })).toMatchObject({
      knownHeadSeq: 0,
    });
    expect(await verifyAuditChain(2, { knownHead: "a".repeat(64) })).toMatchObject({
      ok: true,
      knownHeadSeq: null,
    });
    expect(await verifyAuditChain(2)).not.toHaveProperty("knownHeadSeq");
  });
});
