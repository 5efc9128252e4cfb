import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { database, prisma } from "~/db.server";
import { blindWords } from "./blind-index.server";
import { openField, sealField } from "./envelope.server";
import {
  destroyCaseKeys,
  formatKeyFile,
  initializeKeyring,
  Keyring,
  keyringFacts,
  UnsealRefused,
  type UnsealRefusal,
} from "./keyring.server";
import { splitMasterKey } from "./shares.server";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "adal-keys-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await prisma.caseKey.deleteMany();
  await prisma.keyringState.deleteMany();
  delete process.env.ADAL_MASTER_KEY_FILE;
  delete process.env.ADAL_DEMO_KEY_FILE;
});

function newKeyring() {
  const logged: string[] = [];
  return { keyring: new Keyring((line) => logged.push(line)), logged };
}

async function resetThrottle() {
  await prisma.keyringState.update({
    where: { id: "keyring" },
    data: { unsealFailures: 0, unsealBlockedUntil: null },
  });
}

async function refusal(promise: Promise<unknown>): Promise<UnsealRefusal> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UnsealRefused) return error.reason;
    throw error;
  }
  throw new Error("expected a refusal");
}

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

const field = { table: "WorkerIdentity", column: "fullName", rowId: "w1" };

describe("sealed with key shares", () => {
  it("starts sealed and unseals when the threshold of shares is entered, one holder at a time", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 5, threshold: 3 });
    expect(shares).toHaveLength(5);
    const { keyring, logged } = newKeyring();
    expect(await keyring.start()).toMatchObject({
      state: "sealed",
      reason: "awaitingShares",
      threshold: 3,
      shareCount: 5,
    });
    expect(logged.join("\n")).toContain("awaitingShares");
    expect(() => keyring.blindIndexKeys()).toThrow(expect.objectContaining({ kind: "sealed" }));

    expect(await keyring.submitShare(shares![4]!, { actorId: null })).toEqual({
      state: "pending",
      entered: 1,
      threshold: 3,
    });
    expect(await keyring.submitShare(shares![1]!)).toEqual({
      state: "pending",
      entered: 2,
      threshold: 3,
    });
    expect(keyring.isUnsealed()).toBe(false);
    expect(await keyring.submitShare(shares![2]!)).toEqual({ state: "unsealed" });
    expect(keyring.status()).toMatchObject({ state: "unsealed", version: 1, sharesEntered: 0 });

    const actions = (await prisma.auditEntry.findMany({ select: { action: true } })).map(
      (a) => a.action,
    );
    expect(actions).toContain("keys.initialized");
    expect(actions).toContain("keys.unsealed");
  });

  it("unseals with every 3 of 5 shares and with no 2 of them", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 5, threshold: 3 });
    for (const subset of subsets(shares!, 3)) {
      const { keyring } = newKeyring();
      await keyring.start();
      await keyring.unsealWithShares(subset);
      expect(keyring.isUnsealed()).toBe(true);
    }
    for (const subset of subsets(shares!, 2)) {
      await resetThrottle();
      const { keyring } = newKeyring();
      await keyring.start();
      expect(await refusal(keyring.unsealWithShares(subset))).toBe("tooFew");
      expect(keyring.status()).toMatchObject({ state: "sealed", sharesEntered: 0 });
    }
  });

  it("refuses a repeated, mistyped, foreign or replaced share and keeps what was entered", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 5, threshold: 3 });
    const { keyring } = newKeyring();
    await keyring.start();
    const refusedBefore = await prisma.auditEntry.count({
      where: { action: "keys.unseal_refused" },
    });
    await keyring.submitShare(shares![0]!);
    expect(await refusal(keyring.submitShare(shares![0]!.toLowerCase()))).toBe("repeated");
    // Its last character changed: to "0", or to "Z" when it is a "0" (random shares end in "0" too,
    // and the last character's low bits are padding, so "1" would read as the same share).
    const mistyped = shares![1]!.slice(0, -1) + (shares![1]!.endsWith("0") ? "Z" : "0");
    expect(await refusal(keyring.submitShare(mistyped))).toBe("malformed");
    await resetThrottle();
    const foreign = await splitMasterKey(randomBytes(32), {
      keyringId: randomUUID(),
      masterVersion: 1,
      shareCount: 5,
      threshold: 3,
    });
    expect(await refusal(keyring.submitShare(foreign.shares[1]!))).toBe("foreignInstallation");
    const state = await prisma.keyringState.findUniqueOrThrow({ where: { id: "keyring" } });
    const sameInstallationOtherSet = await splitMasterKey(randomBytes(32), {
      keyringId: state.keyringId,
      masterVersion: 1,
      shareCount: 5,
      threshold: 3,
    });
    expect(await refusal(keyring.submitShare(sameInstallationOtherSet.shares[1]!))).toBe(
      "unknownShare",
    );
    await resetThrottle();
    expect(keyring.status().sharesEntered).toBe(1);
    await keyring.submitShare(shares![1]!);
    expect(await keyring.submitShare(shares![3]!)).toEqual({ state: "unsealed" });
    const refused = await prisma.auditEntry.count({ where: { action: "keys.unseal_refused" } });
    expect(refused - refusedBefore).toBe(4);
  });

  it("refuses shares that rebuild another key, with nothing unsealed and nothing kept", async () => {
    await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const state = await prisma.keyringState.findUniqueOrThrow({ where: { id: "keyring" } });
    // A share list swapped in the database: the shares pass every check but the key-check value.
    const impostor = await splitMasterKey(randomBytes(32), {
      keyringId: state.keyringId,
      masterVersion: 1,
      shareCount: 3,
      threshold: 2,
    });
    await prisma.keyringState.update({
      where: { id: "keyring" },
      data: { shareDigests: JSON.stringify(impostor.digests) },
    });
    const { keyring } = newKeyring();
    await keyring.start();
    expect(await keyring.submitShare(impostor.shares[0]!)).toMatchObject({ state: "pending" });
    expect(await refusal(keyring.submitShare(impostor.shares[1]!))).toBe("wrongShares");
    expect(keyring.status()).toMatchObject({ state: "sealed", sharesEntered: 0 });
  });

  it("throttles after three refused shares, even a right one, across processes", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    for (let i = 0; i < 3; i++)
      expect(await refusal(keyring.submitShare("ADAL1-nonsense"))).toBe("malformed");
    const blocked = await refusal(keyring.submitShare(shares![0]!));
    expect(blocked).toBe("throttled");
    const other = newKeyring().keyring;
    await other.start();
    const error = await other.submitShare(shares![0]!).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsealRefused);
    expect((error as UnsealRefused).retryAt!.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect((error as UnsealRefused).toDomainError().kind).toBe("tooMany");
    expect(keyring.isUnsealed() || other.isUnsealed()).toBe(false);
  });

  it("never stores the master key: the database file holds no copy of it", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    await keyring.unsealWithShares(shares!.slice(0, 2));
    const master = (keyring as unknown as { current: { masterKey: Buffer } }).current.masterKey;
    const row = await prisma.keyringState.findUniqueOrThrow({ where: { id: "keyring" } });
    for (const value of Object.values(row))
      if (value instanceof Uint8Array) expect(Buffer.from(value).includes(master)).toBe(false);
    if (database.provider === "sqlite") {
      await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(FULL)");
      const file = process.env.DATABASE_URL!.replace(/^file:/, "");
      for (const suffix of ["", "-wal"]) {
        const bytes = await readFile(file + suffix).catch(() => Buffer.alloc(0));
        expect(bytes.includes(master)).toBe(false);
      }
    }
  });
});

describe("backups", () => {
  it("hold no master key and no plaintext, and a restored backup unseals with the same shares", async () => {
    if (database.provider !== "sqlite") return; // PostgreSQL: pg_dump is the next session's test
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    await keyring.unsealWithShares(shares!.slice(0, 2));
    const master = Buffer.from(keyring.heldMasterKey()!.masterKey);
    const sealed = await prisma.$transaction(async (tx) =>
      sealField(await keyring.createCaseKey(tx, "case-backup"), field, "Sentinel Backupova"),
    );
    const backup = path.join(dir, `${randomUUID()}.db`);
    await prisma.$executeRawUnsafe(`VACUUM INTO '${backup}'`);
    const bytes = await readFile(backup);
    expect(bytes.includes(master)).toBe(false);
    expect(bytes.includes(Buffer.from("Sentinel"))).toBe(false);

    // Restore: the live keyring tables are lost and come back from the backup's rows.
    await prisma.caseKey.deleteMany();
    await prisma.keyringState.deleteMany();
    const copy = new Database(backup, { readonly: true });
    const state = copy.prepare(`SELECT * FROM "KeyringState"`).get() as Record<string, unknown>;
    const caseKeys = copy.prepare(`SELECT * FROM "CaseKey"`).all() as Record<string, unknown>[];
    copy.close();
    const restoredState = await prisma.keyringState.findUnique({ where: { id: "keyring" } });
    expect(restoredState).toBeNull();
    const insert = (table: string, row: Record<string, unknown>) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO "${table}" (${Object.keys(row)
          .map((column) => `"${column}"`)
          .join(", ")}) VALUES (${Object.keys(row)
          .map(() => "?")
          .join(", ")})`,
        ...Object.values(row),
      );
    await insert("KeyringState", state);
    for (const row of caseKeys) await insert("CaseKey", row);

    const restored = newKeyring().keyring;
    expect(await restored.start()).toMatchObject({ state: "sealed", reason: "awaitingShares" });
    await restored.unsealWithShares([shares![2]!, shares![1]!]);
    const found = await restored.caseKeys("case-backup");
    expect(found.ok && openField(found.current, field, sealed)).toEqual({
      ok: true,
      value: "Sentinel Backupova",
    });
  });
});

describe("key file and demo modes", () => {
  it("unseals at start from ADAL_MASTER_KEY_FILE", async () => {
    const keyFile = path.join(dir, `${randomUUID()}.key`);
    await initializeKeyring({ mode: "FILE", keyFile });
    process.env.ADAL_MASTER_KEY_FILE = keyFile;
    const { keyring } = newKeyring();
    expect(await keyring.start()).toMatchObject({ state: "unsealed", mode: "FILE", demo: false });
  });

  it("starts sealed, logs why and does not throw for a missing, malformed, foreign or wrong key file", async () => {
    const keyFile = path.join(dir, `${randomUUID()}.key`);
    const { keyringId } = await initializeKeyring({ mode: "FILE", keyFile });
    const cases: [string, (() => Promise<void>) | null, string][] = [
      ["not set", null, "keyFileNotSet"],
      [
        "missing",
        async () => void (process.env.ADAL_MASTER_KEY_FILE = path.join(dir, "absent.key")),
        "keyFileMissing",
      ],
      ["malformed", async () => writeFile(keyFile, "this is not a key\n"), "keyFileMalformed"],
      [
        "foreign",
        async () => writeFile(keyFile, formatKeyFile(randomUUID(), randomBytes(32))),
        "keyFileForeign",
      ],
      [
        "wrong key",
        async () => writeFile(keyFile, formatKeyFile(keyringId, randomBytes(32))),
        "keyFileWrongKey",
      ],
    ];
    for (const [, arrange, reason] of cases) {
      process.env.ADAL_MASTER_KEY_FILE = keyFile;
      if (arrange) await arrange();
      else delete process.env.ADAL_MASTER_KEY_FILE;
      const { keyring, logged } = newKeyring();
      expect(await keyring.start()).toMatchObject({ state: "sealed", reason });
      expect(logged.join("\n")).toContain(reason);
    }
  });

  it("demo mode unseals from the key under data/ and flags the banner", async () => {
    process.env.ADAL_DEMO_KEY_FILE = path.join(dir, `${randomUUID()}-demo.key`);
    await initializeKeyring({ mode: "DEMO" });
    const { keyring } = newKeyring();
    expect(await keyring.start()).toMatchObject({ state: "unsealed", mode: "DEMO", demo: true });
  });

  it("never overwrites an existing key file, and the demo key sits in the data directory", async () => {
    const keyFile = path.join(dir, `${randomUUID()}.key`);
    await writeFile(keyFile, "another installation's key\n");
    await expect(initializeKeyring({ mode: "FILE", keyFile })).rejects.toThrow(/EEXIST/);
    expect(await readFile(keyFile, "utf8")).toBe("another installation's key\n");
    expect(await prisma.keyringState.count()).toBe(0);
    process.env.ADAL_DATA_DIR = dir;
    try {
      const { keyringId, keyFile: demoFile } = await initializeKeyring({ mode: "DEMO" });
      expect(demoFile).toBe(path.join(dir, `demo-master-key.${keyringId}`));
    } finally {
      delete process.env.ADAL_DATA_DIR;
    }
  });

  it("refuses to initialize twice", async () => {
    await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    await expect(
      initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 }),
    ).rejects.toThrow(/already/);
  });
});

describe("case keys", () => {
  async function unsealedWithShares() {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    await keyring.unsealWithShares(shares!.slice(0, 2));
    return { keyring, shares: shares! };
  }

  it("are wrapped by the master key when unsealed and open again in another process", async () => {
    const { keyring, shares } = await unsealedWithShares();
    const sealed = await prisma.$transaction(async (tx) => {
      const caseKey = await keyring.createCaseKey(tx, "case-1");
      return sealField(caseKey, field, "Ivanova Aigerim");
    });
    const row = await prisma.caseKey.findFirstOrThrow({ where: { caseId: "case-1" } });
    expect(row.wrappedTo).toBe("MASTER");
    const other = newKeyring().keyring;
    await other.start();
    expect(await other.caseKeys("case-1")).toEqual({ ok: false, reason: "sealed" });
    await other.unsealWithShares([shares[2]!, shares[0]!]);
    const found = await other.caseKeys("case-1");
    expect(found.ok && openField(found.keys, field, sealed)).toEqual({
      ok: true,
      value: "Ivanova Aigerim",
    });
    expect(await other.caseKeys("no-such-case")).toEqual({ ok: false, reason: "missing" });
  });

  it("taken while sealed are wrapped to the intake key and moved under the master key on unseal", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    const sealed = await prisma.$transaction(async (tx) => {
      const caseKey = await keyring.createCaseKey(tx, "case-intake");
      return sealField(caseKey, field, "Taken while sealed");
    });
    expect(
      (await prisma.caseKey.findFirstOrThrow({ where: { caseId: "case-intake" } })).wrappedTo,
    ).toBe("INTAKE");
    expect(await keyring.caseKeys("case-intake")).toEqual({ ok: false, reason: "sealed" });
    await keyring.unsealWithShares(shares!.slice(1));
    expect(
      (await prisma.caseKey.findFirstOrThrow({ where: { caseId: "case-intake" } })).wrappedTo,
    ).toBe("MASTER");
    const found = await keyring.caseKeys("case-intake");
    expect(found.ok && openField(found.current, field, sealed)).toEqual({
      ok: true,
      value: "Taken while sealed",
    });
    const unsealed = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "keys.unsealed" },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(unsealed.details)).toMatchObject({ intakeKeysRewrapped: 1 });
  });

  it("a wrapped key moved to another case does not open", async () => {
    const { keyring } = await unsealedWithShares();
    await prisma.$transaction((tx) => keyring.createCaseKey(tx, "case-a"));
    const a = await prisma.caseKey.findFirstOrThrow({ where: { caseId: "case-a" } });
    await prisma.caseKey.create({ data: { ...a, caseId: "case-b" } });
    expect(await keyring.caseKeys("case-b")).toEqual({ ok: false, reason: "unreadable" });
  });

  it("crypto-shredding destroys the key, records it, and the case can never be read again", async () => {
    const { keyring } = await unsealedWithShares();
    await prisma.$transaction((tx) => keyring.createCaseKey(tx, "case-shred"));
    await prisma.$transaction((tx) =>
      destroyCaseKeys(tx, "case-shred", { actorId: null, reason: "retention" }),
    );
    expect(await keyring.caseKeys("case-shred")).toEqual({ ok: false, reason: "destroyed" });
    const row = await prisma.caseKey.findFirstOrThrow({ where: { caseId: "case-shred" } });
    expect(row.wrappedKey).toBeNull();
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "case.key_destroyed" },
    });
    expect(entry.targetId).toBe("case-shred");
    await expect(
      prisma.$transaction((tx) => destroyCaseKeys(tx, "case-shred", { reason: "again" })),
    ).rejects.toMatchObject({ kind: "notFound" });
  });
});

describe("seal now and rotation", () => {
  it("seal now forgets the keys here and, within one poll, in every other process", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const [a, b] = [newKeyring().keyring, newKeyring().keyring];
    for (const k of [a, b]) {
      await k.start();
      await k.unsealWithShares(shares!.slice(0, 2));
    }
    await a.sealNow({ actorId: null });
    expect(a.status()).toMatchObject({ state: "sealed", reason: "sealedNow" });
    expect(b.isUnsealed()).toBe(true);
    await b.checkGeneration();
    expect(b.status()).toMatchObject({ state: "sealed", reason: "sealedNow" });
    const sealedEntry = await prisma.auditEntry.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(sealedEntry.action).toBe("keys.sealed");
  });

  it("rotation rewraps every case key under new shares; old shares are refused; data and blind indexes stay", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 5, threshold: 3 });
    const { keyring } = newKeyring();
    await keyring.start();
    await keyring.unsealWithShares(shares!.slice(0, 3));
    const tokens = blindWords(keyring.blindIndexKeys(), "Серік");
    // The export-words key: its own (not a blind-index key), and kept by a rotation, so words
    // already in the append-only audit log still open (0012's addendum).
    const exportWords = keyring.exportWordsKey().export();
    expect(exportWords.equals(keyring.blindIndexKeys().word.export())).toBe(false);
    const sealed = await prisma.$transaction(async (tx) =>
      sealField(await keyring.createCaseKey(tx, "c1"), field, "before"),
    );
    const rotated = await keyring.rotate({ mode: "SHARES", shareCount: 3, threshold: 2 });
    expect(rotated.version).toBe(2);
    expect(rotated.shares).toHaveLength(3);
    expect((await prisma.caseKey.findFirstOrThrow({ where: { caseId: "c1" } })).masterVersion).toBe(
      2,
    );

    const fresh = newKeyring().keyring;
    await fresh.start();
    expect(await refusal(fresh.submitShare(shares![0]!))).toBe("oldShareSet");
    await fresh.unsealWithShares(rotated.shares!.slice(1));
    const found = await fresh.caseKeys("c1");
    expect(found.ok && openField(found.current, field, sealed)).toEqual({
      ok: true,
      value: "before",
    });
    expect(blindWords(fresh.blindIndexKeys(), "Серік")).toEqual(tokens);
    expect(fresh.exportWordsKey().export().equals(exportWords)).toBe(true);
    const facts = await keyringFacts();
    expect(facts).toMatchObject({
      version: 2,
      threshold: 2,
      shareCount: 3,
      caseKeys: { master: 1, intake: 0 },
    });
    expect(await prisma.auditEntry.count({ where: { action: "keys.rotated" } })).toBeGreaterThan(0);
  });

  it("rotation from shares to a key file writes the new key and the file unseals", async () => {
    const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
    const { keyring } = newKeyring();
    await keyring.start();
    await keyring.unsealWithShares(shares!.slice(0, 2));
    const keyFile = path.join(dir, `${randomUUID()}.key`);
    await keyring.rotate({ mode: "FILE", keyFile });
    process.env.ADAL_MASTER_KEY_FILE = keyFile;
    const fresh = newKeyring().keyring;
    expect(await fresh.start()).toMatchObject({ state: "unsealed", mode: "FILE", version: 2 });
  });
});
