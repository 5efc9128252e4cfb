// The keyring: the master key in memory (unsealed) or nowhere (sealed), and
// everything that needs it — case keys, blind-index keys, the intake key pair.
// Where the master key lives is one of three modes (docs/decisions/0014):
// SHARES (rebuilt from k of n Shamir shares typed in on /unseal or
// `npm run unseal`), FILE (ADAL_MASTER_KEY_FILE, auto-unseal) and DEMO (a key
// under data/, with a banner). The database holds only a key-check value and
// what the master key wraps; never the key. A process that cannot unseal
// starts sealed and says why in its log: it never crashes and never falls
// back to plaintext.
import {
  randomBytes,
  randomUUID,
  timingSafeEqual,
  createSecretKey,
  type KeyObject,
} from "node:crypto";
import { link, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { database, prisma, type Tx } from "~/db.server";
import type { DirectTx } from "~/db/direct-writes.server";
import { readRows, numberOrNull } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";
import type { KeyringMode, KeyWrap } from "~/generated/prisma/sqlite/enums";
import { appendAudit } from "~/modules/audit/audit.server";
import { dataDirectory } from "~/modules/documents/store.server";
import { DomainError } from "~/utils/domain-error";
import { logInfo } from "~/utils/log.server";
import type { BlindIndexKeys } from "./blind-index.server";
import {
  caseKeyFrom,
  decrypt,
  deriveKey,
  encrypt,
  associatedData,
  KEY_BYTES,
  newSecret,
  toBytes,
  unwrapCaseKey,
  wrapCaseKey,
  type CaseKey,
} from "./envelope.server";
import {
  newBoxKeyPair,
  openFrom,
  privateKeyDer,
  privateKeyFromDer,
  publicKeyDer,
  publicKeyFromDer,
  sealTo,
} from "./sealed-box.server";
import {
  combineShares,
  keyringTag,
  parseShare,
  splitMasterKey,
  type KeyShare,
} from "./shares.server";

const STATE_ID = "keyring";

/** A case key made before its case's transaction (`Keyring.newCaseKey`). */
export type NewCaseKey = {
  readonly caseKey: CaseKey;
  /**
   * Its CaseKey row for the keyring state read in the transaction. May be called again (a group
   * commit's batch run again after a deadlock, 0040): the secret is kept until `forget`.
   */
  wrap(state: { version: number; intakePublicKey: Uint8Array }): {
    caseId: string;
    version: number;
    wrappedTo: "MASTER" | "INTAKE";
    masterVersion: number;
    wrappedKey: Buffer;
  };
  /** Forgets the secret: once its transaction is over, committed or not. */
  forget(): void;
};
const KEY_FILE_PREFIX = "adal-master-key.v1";

/** What unwrapping a case key reads of its CaseKey row. */
type CaseKeyRow = {
  caseId: string;
  version: number;
  wrappedTo: KeyWrap;
  masterVersion: number | null;
  wrappedKey: Uint8Array | null;
};

/** A case's CaseKey rows, oldest version first, as committed (reads.server.ts). */
async function committedCaseKeyRows(caseId: string): Promise<CaseKeyRow[]> {
  const rows = await readRows(Prisma.sql`
    SELECT "version", "wrappedTo", "masterVersion", "wrappedKey" FROM "CaseKey"
    WHERE "caseId" = ${caseId}
    ORDER BY "version"`);
  return rows.map((row) => ({
    caseId,
    version: Number(row.version),
    wrappedTo: row.wrappedTo as KeyWrap,
    masterVersion: numberOrNull(row.masterVersion),
    // Both drivers give bytes as a Buffer.
    wrappedKey: row.wrappedKey === null ? null : (row.wrappedKey as Buffer),
  }));
}

// ---- What a process knows -------------------------------------------------

/** Why a process is sealed: shown on /unseal and in `keys:status`, logged at start. */
export type SealedReason =
  | "notInitialized"
  | "awaitingShares"
  | "keyFileNotSet"
  | "keyFileMissing"
  | "keyFileMalformed"
  | "keyFileForeign"
  | "keyFileWrongKey"
  | "sealedNow"
  | "rotatedElsewhere";

type Unsealed = {
  state: "unsealed";
  keyringId: string;
  version: number;
  sealGeneration: number;
  masterKey: Buffer;
  caseKeyWrap: KeyObject;
  indexRoot: Buffer;
  blindIndex: BlindIndexKeys;
  /** Seals the words given for an export with identities (audit-words.server.ts). */
  exportWords: KeyObject;
  intakePrivateKey: KeyObject;
  since: Date;
};
type Sealed = { state: "sealed"; reason: SealedReason };

export type KeyringStatus = {
  state: "sealed" | "unsealed";
  reason: SealedReason | null;
  mode: KeyringMode | null;
  /** The demo key under data/ is in use: show the banner. */
  demo: boolean;
  version: number | null;
  threshold: number | null;
  shareCount: number | null;
  /** Shares entered so far towards the threshold (this process). */
  sharesEntered: number;
};

/** Why a share or an unseal was refused: a message key each, no partial unseal. */
export type UnsealRefusal =
  | "notInitialized"
  | "notShareMode"
  | "alreadyUnsealed"
  | "malformed"
  | "foreignInstallation"
  | "oldShareSet"
  | "unknownShare"
  | "repeated"
  | "tooFew"
  | "wrongShares"
  | "throttled";

export class UnsealRefused extends Error {
  constructor(
    readonly reason: UnsealRefusal,
    readonly retryAt: Date | null = null,
  ) {
    super(`unseal refused: ${reason}`);
    this.name = "UnsealRefused";
  }

  /** For /unseal: the message by the share field, or 429 (with when to try again) when throttled. */
  toDomainError(): DomainError {
    const key = `keys.unseal.refused.${this.reason}`;
    if (this.reason !== "throttled") return DomainError.invalidField("share", key);
    const wait = this.retryAt ? (this.retryAt.getTime() - Date.now()) / 1000 : undefined;
    return DomainError.tooMany(key, "share", wait);
  }
}

export type ShareProgress =
  { state: "pending"; entered: number; threshold: number } | { state: "unsealed" };

/** Who did a key operation, for the audit entry (null actor: the console). */
export type KeyActor = {
  actorId?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
};

/** Why a case's key cannot be had. */
export type CaseKeyFailure = "sealed" | "destroyed" | "missing" | "unreadable";
export type CaseKeysResult =
  { ok: true; keys: CaseKey[]; current: CaseKey } | { ok: false; reason: CaseKeyFailure };

// ---- Unseal throttling: in the database, so it holds across processes and restarts ------
const FREE_FAILURES = 3;
const BASE_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;
/** Shares entered but not yet enough are forgotten after this long. */
const PENDING_SHARES_MS = 15 * 60_000;

export function blockAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (failures - FREE_FAILURES));
}

// ---- Derived keys -------------------------------------------------------------------------

type MasterDerived = {
  caseKeyWrap: KeyObject;
  indexRootWrap: KeyObject;
  intakeWrap: KeyObject;
  verifier: Buffer;
};

function deriveFromMaster(masterKey: Uint8Array, keyringId: string): MasterDerived {
  return {
    caseKeyWrap: createSecretKey(deriveKey(masterKey, keyringId, "wrap/case-key")),
    indexRootWrap: createSecretKey(deriveKey(masterKey, keyringId, "wrap/index-root")),
    intakeWrap: createSecretKey(deriveKey(masterKey, keyringId, "wrap/intake-private-key")),
    verifier: deriveKey(masterKey, keyringId, "key-check"),
  };
}

export function blindIndexKeysFrom(indexRoot: Uint8Array, keyringId: string): BlindIndexKeys {
  return {
    iin: createSecretKey(deriveKey(indexRoot, keyringId, "blind-index/iin")),
    phone: createSecretKey(deriveKey(indexRoot, keyringId, "blind-index/phone")),
    word: createSecretKey(deriveKey(indexRoot, keyringId, "blind-index/word")),
  };
}

/**
 * The key of the words given for an export with identities, which covers many cases and so has
 * no case key (docs/decisions/0012's addendum). From the index root, as the blind-index keys:
 * a master-key rotation leaves it as it is, so words already in the append-only log still open.
 */
export function exportWordsKeyFrom(indexRoot: Uint8Array, keyringId: string): KeyObject {
  return createSecretKey(deriveKey(indexRoot, keyringId, "audit/export-words"));
}

const indexRootAad = (keyringId: string, version: number) =>
  associatedData("adal/index-root/v1", [keyringId, version]);
const intakeKeyAad = (keyringId: string, version: number) =>
  associatedData("adal/intake-private-key/v1", [keyringId, version]);
const intakeBoxContext = (caseId: string, version: number) => [caseId, String(version)];

// ---- Key files -----------------------------------------------------------------------------

/** `adal-master-key.v1.<keyringId>.<base64url key>`: one line, nothing else. */
export function formatKeyFile(keyringId: string, masterKey: Uint8Array): string {
  return `${KEY_FILE_PREFIX}.${keyringId}.${Buffer.from(masterKey).toString("base64url")}\n`;
}

export function parseKeyFile(text: string): { keyringId: string; masterKey: Buffer } | null {
  const match = /^adal-master-key\.v1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(text.trim());
  if (!match) return null;
  const masterKey = Buffer.from(match[2]!, "base64url");
  return masterKey.byteLength === KEY_BYTES ? { keyringId: match[1]!, masterKey } : null;
}

/**
 * Writes a key file readable by its owner only, completely or not at all. Never replaces an
 * existing file (another installation's key would be lost) unless `replace` says so.
 */
async function writeKeyFile(file: string, contents: string, replace = false): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${randomBytes(6).toString("hex")}`;
  await writeFile(temporary, contents, { mode: 0o600, flag: "wx" });
  try {
    if (replace) await rename(temporary, file);
    else await link(temporary, file); // fails if the file exists
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** ADAL_DEMO_KEY_FILE, else `demo-master-key.<installation id>` in the data directory. */
export function demoKeyFile(keyringId: string): string {
  return path.resolve(
    process.env.ADAL_DEMO_KEY_FILE || path.join(dataDirectory(), `demo-master-key.${keyringId}`),
  );
}

function keyFileFor(mode: KeyringMode, keyringId: string): string | null {
  if (mode === "DEMO") return demoKeyFile(keyringId);
  if (mode === "FILE")
    return process.env.ADAL_MASTER_KEY_FILE ? path.resolve(process.env.ADAL_MASTER_KEY_FILE) : null;
  return null;
}

// ---- Setting up ------------------------------------------------------------------------------

export type InitOptions =
  | { mode: "SHARES"; shareCount: number; threshold: number }
  | { mode: "FILE"; keyFile: string }
  | { mode: "DEMO"; keyFile?: string };

export type InitResult = {
  keyringId: string;
  version: number;
  shares: string[] | null;
  keyFile: string | null;
};

type NewMaterial = {
  version: number;
  masterKey: Buffer;
  verifier: Buffer;
  shareDigests: string[];
  shares: string[] | null;
  wrappedIndexRoot: Buffer;
  intakePublicKey: Buffer;
  wrappedIntakeKey: Buffer;
  intakePrivateKey: KeyObject;
  derived: MasterDerived;
};

async function newMaterial(
  keyringId: string,
  version: number,
  indexRoot: Buffer,
  options: InitOptions,
): Promise<NewMaterial> {
  const masterKey = newSecret();
  const derived = deriveFromMaster(masterKey, keyringId);
  const intake = newBoxKeyPair();
  const split =
    options.mode === "SHARES"
      ? await splitMasterKey(masterKey, {
          keyringId,
          masterVersion: version,
          shareCount: options.shareCount,
          threshold: options.threshold,
        })
      : null;
  return {
    version,
    masterKey,
    verifier: derived.verifier,
    shareDigests: split?.digests ?? [],
    shares: split?.shares ?? null,
    wrappedIndexRoot: encrypt(derived.indexRootWrap, indexRoot, indexRootAad(keyringId, version)),
    intakePublicKey: publicKeyDer(intake.publicKey),
    wrappedIntakeKey: encrypt(
      derived.intakeWrap,
      privateKeyDer(intake.privateKey),
      intakeKeyAad(keyringId, version),
    ),
    intakePrivateKey: intake.privateKey,
    derived,
  };
}

function modeFields(options: InitOptions) {
  return options.mode === "SHARES"
    ? { threshold: options.threshold, shareCount: options.shareCount }
    : { threshold: null, shareCount: null };
}

/**
 * Creates the installation's master key (`npm run keys:init`). SHARES returns the shares,
 * to be printed once; FILE and DEMO write the key file. Refuses when a keyring exists.
 */
export async function initializeKeyring(
  options: InitOptions,
  actor: KeyActor = {},
): Promise<InitResult> {
  const existing = await prisma.keyringState.findUnique({
    where: { id: STATE_ID },
    select: { id: true },
  });
  if (existing)
    throw new Error(
      "the keyring is already initialized (use keys:rotate to replace the master key)",
    );
  const keyringId = randomUUID();
  const material = await newMaterial(keyringId, 1, newSecret(), options);
  const keyFile =
    options.mode === "SHARES" ? null : path.resolve(options.keyFile ?? demoKeyFile(keyringId));
  // The key file first: a keyring row without its key would be a locked installation.
  if (keyFile) await writeKeyFile(keyFile, formatKeyFile(keyringId, material.masterKey));
  await prisma.$transaction(async (tx) => {
    await tx.keyringState.create({
      data: {
        id: STATE_ID,
        keyringId,
        mode: options.mode,
        version: 1,
        verifier: toBytes(material.verifier),
        ...modeFields(options),
        shareDigests: JSON.stringify(material.shareDigests),
        wrappedIndexRoot: toBytes(material.wrappedIndexRoot),
        intakePublicKey: toBytes(material.intakePublicKey),
        wrappedIntakeKey: toBytes(material.wrappedIntakeKey),
      },
    });
    await appendAudit(tx, {
      action: "keys.initialized",
      ...actor,
      details: { mode: options.mode, version: 1, ...modeFields(options) },
    });
  });
  material.masterKey.fill(0);
  return { keyringId, version: 1, shares: material.shares, keyFile };
}

// ---- The keyring of one process ------------------------------------------------------------

type StateRow = NonNullable<Awaited<ReturnType<typeof readState>>>;

function readState(db: Pick<Tx, "keyringState"> = prisma) {
  return db.keyringState.findUnique({ where: { id: STATE_ID } });
}

export class Keyring {
  private current: Unsealed | Sealed = { state: "sealed", reason: "notInitialized" };
  private mode: KeyringMode | null = null;
  private shareSettings: { threshold: number | null; shareCount: number | null } = {
    threshold: null,
    shareCount: null,
  };
  private pending = new Map<number, KeyShare>();
  private pendingSince = 0;
  private watcher: NodeJS.Timeout | null = null;
  private unsealListeners: Array<() => Promise<unknown>> = [];

  constructor(private readonly log: (message: string) => void = logInfo) {}

  status(): KeyringStatus {
    return {
      state: this.current.state,
      reason: this.current.state === "sealed" ? this.current.reason : null,
      mode: this.mode,
      demo: this.mode === "DEMO",
      version: this.current.state === "unsealed" ? this.current.version : null,
      threshold: this.shareSettings.threshold,
      shareCount: this.shareSettings.shareCount,
      sharesEntered: this.pending.size,
    };
  }

  isUnsealed(): boolean {
    return this.current.state === "unsealed";
  }

  /**
   * At start: reads the keyring and, in FILE and DEMO modes, unseals with the key file.
   * Never throws for a missing or wrong key: it stays sealed and logs why.
   */
  async start(): Promise<KeyringStatus> {
    const state = await readState();
    if (!state) return this.becomeSealed("notInitialized");
    this.remember(state);
    if (state.mode === "SHARES") return this.becomeSealed("awaitingShares");
    const file = keyFileFor(state.mode, state.keyringId);
    if (!file) return this.becomeSealed("keyFileNotSet");
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch {
      return this.becomeSealed("keyFileMissing");
    }
    const parsed = parseKeyFile(text);
    if (!parsed) return this.becomeSealed("keyFileMalformed");
    if (parsed.keyringId !== state.keyringId) return this.becomeSealed("keyFileForeign");
    if (!this.verifies(parsed.masterKey, state)) return this.becomeSealed("keyFileWrongKey");
    this.becomeUnsealed(parsed.masterKey, state);
    await this.afterUnseal({}, "keyFile");
    return this.status();
  }

  private remember(state: StateRow) {
    this.mode = state.mode;
    this.shareSettings = { threshold: state.threshold, shareCount: state.shareCount };
  }

  private becomeSealed(reason: SealedReason): KeyringStatus {
    if (this.current.state === "unsealed") this.current.masterKey.fill(0);
    this.current = { state: "sealed", reason };
    this.pending.clear();
    this.log(`keyring sealed: ${reason}`);
    return this.status();
  }

  private verifies(masterKey: Uint8Array, state: StateRow): boolean {
    const expected = Buffer.from(state.verifier);
    const derived = deriveKey(masterKey, state.keyringId, "key-check");
    return expected.byteLength === derived.byteLength && timingSafeEqual(expected, derived);
  }

  /** Holds the master key and what it unwraps; the state row must have been verified. */
  private becomeUnsealed(masterKey: Buffer, state: StateRow) {
    const derived = deriveFromMaster(masterKey, state.keyringId);
    const indexRoot = decrypt(
      derived.indexRootWrap,
      state.wrappedIndexRoot,
      indexRootAad(state.keyringId, state.version),
    );
    const intakeDer = decrypt(
      derived.intakeWrap,
      state.wrappedIntakeKey,
      intakeKeyAad(state.keyringId, state.version),
    );
    // The key-check value matched, so these can fail only if the row itself was altered.
    if (!indexRoot || !intakeDer)
      throw new Error("the keyring's wrapped keys do not open with the verified master key");
    this.current = {
      state: "unsealed",
      keyringId: state.keyringId,
      version: state.version,
      sealGeneration: state.sealGeneration,
      masterKey: Buffer.from(masterKey),
      caseKeyWrap: derived.caseKeyWrap,
      indexRoot,
      blindIndex: blindIndexKeysFrom(indexRoot, state.keyringId),
      exportWords: exportWordsKeyFrom(indexRoot, state.keyringId),
      intakePrivateKey: privateKeyFromDer(intakeDer),
      since: new Date(),
    };
    this.pending.clear();
    this.remember(state);
  }

  /** Case keys taken while sealed move under the master key; the audit entry says how many. */
  private async afterUnseal(actor: KeyActor, via: "shares" | "keyFile"): Promise<void> {
    const rewrapped = await this.rewrapIntakeCaseKeys();
    await prisma.$transaction(async (tx) => {
      await tx.keyringState.update({
        where: { id: STATE_ID },
        data: { unsealFailures: 0, unsealBlockedUntil: null },
      });
      await appendAudit(tx, {
        action: "keys.unsealed",
        ...actor,
        details: {
          via,
          version: this.requireUnsealed().version,
          intakeKeysRewrapped: rewrapped.length,
        },
      });
    });
    this.log(
      `keyring unsealed (${via}); ${rewrapped.length} case keys taken while sealed rewrapped`,
    );
    // In the background: the unseal is answered at once, the follow-up work runs after it.
    for (const listener of this.unsealListeners)
      listener().catch((error: unknown) => this.log(`after unsealing: ${String(error)}`));
  }

  /**
   * Work to do each time this process unseals with shares or its key file (not when another
   * process passed it the key: the unsealing process does it). Runs in the background.
   */
  onUnsealed(listener: () => Promise<unknown>): void {
    this.unsealListeners.push(listener);
  }

  /** For the cluster (cluster.server.ts): what this process holds, or null when sealed. */
  heldMasterKey(): {
    masterKey: Buffer;
    keyringId: string;
    version: number;
    sealGeneration: number;
  } | null {
    if (this.current.state !== "unsealed") return null;
    const { masterKey, keyringId, version, sealGeneration } = this.current;
    return { masterKey, keyringId, version, sealGeneration };
  }

  /**
   * Unseals with a master key another process wrapped to this one. Only when it passes the
   * key-check value and belongs to the current seal generation; not audited again (the unseal
   * that produced it was).
   */
  async unsealWithMasterKey(masterKey: Buffer, sealGeneration: number): Promise<boolean> {
    if (this.current.state === "unsealed") return true;
    const state = await readState();
    if (!state || state.sealGeneration !== sealGeneration || !this.verifies(masterKey, state))
      return false;
    this.becomeUnsealed(masterKey, state);
    this.log("keyring unsealed (by another process)");
    return true;
  }

  requireUnsealed(): Unsealed {
    if (this.current.state !== "unsealed") throw DomainError.sealed();
    return this.current;
  }

  /** The key of an export's words (audit-words.server.ts), or a "sealed" DomainError. */
  exportWordsKey(): KeyObject {
    return this.requireUnsealed().exportWords;
  }

  /** The blind-index keys, or a "sealed" DomainError. */
  blindIndexKeys(): BlindIndexKeys {
    return this.requireUnsealed().blindIndex;
  }

  // ---- Shares ----------------------------------------------------------------------------

  private async refuse(reason: UnsealRefusal, actor: KeyActor, counts = true): Promise<never> {
    let retryAt: Date | null = null;
    await prisma.$transaction(async (tx) => {
      if (counts) {
        const state = await tx.keyringState.update({
          where: { id: STATE_ID },
          data: { unsealFailures: { increment: 1 } },
          select: { unsealFailures: true },
        });
        const wait = blockAfter(state.unsealFailures);
        if (wait > 0) {
          retryAt = new Date(Date.now() + wait);
          await tx.keyringState.update({
            where: { id: STATE_ID },
            data: { unsealBlockedUntil: retryAt },
          });
        }
      }
      await appendAudit(tx, { action: "keys.unseal_refused", ...actor, details: { reason } });
    });
    throw new UnsealRefused(reason, retryAt);
  }

  /**
   * One key holder's share (/unseal, `npm run unseal`). A refused share changes nothing
   * already entered, except that a failed combination forgets them all (no partial unseal).
   */
  async submitShare(text: string, actor: KeyActor = {}): Promise<ShareProgress> {
    const state = await readState();
    if (!state) throw new UnsealRefused("notInitialized");
    this.remember(state);
    if (state.mode !== "SHARES") throw new UnsealRefused("notShareMode");
    if (this.current.state === "unsealed") throw new UnsealRefused("alreadyUnsealed");
    if (state.unsealBlockedUntil && state.unsealBlockedUntil.getTime() > Date.now())
      throw new UnsealRefused("throttled", state.unsealBlockedUntil);
    if (this.pending.size > 0 && Date.now() - this.pendingSince > PENDING_SHARES_MS)
      this.pending.clear();

    const share = parseShare(text);
    if (!share) return this.refuse("malformed", actor);
    if (share.keyringTag !== keyringTag(state.keyringId))
      return this.refuse("foreignInstallation", actor);
    if (share.masterVersion !== state.version) return this.refuse("oldShareSet", actor);
    const digests = JSON.parse(state.shareDigests) as string[];
    if (!digests.includes(share.digest)) return this.refuse("unknownShare", actor);
    if (this.pending.has(share.x)) return this.refuse("repeated", actor, false);

    if (this.pending.size === 0) this.pendingSince = Date.now();
    this.pending.set(share.x, share);
    const threshold = state.threshold ?? Number.POSITIVE_INFINITY;
    if (this.pending.size < threshold)
      return { state: "pending", entered: this.pending.size, threshold };

    const masterKey = await combineShares([...this.pending.values()]);
    this.pending.clear();
    if (!this.verifies(masterKey, state)) {
      masterKey.fill(0);
      return this.refuse("wrongShares", actor);
    }
    this.becomeUnsealed(masterKey, state);
    masterKey.fill(0);
    await this.afterUnseal(actor, "shares");
    return { state: "unsealed" };
  }

  /** All shares at once (the console): refused as a whole when any share is, or too few. */
  async unsealWithShares(texts: readonly string[], actor: KeyActor = {}): Promise<void> {
    this.pending.clear();
    const state = await readState();
    const sealedShares = state?.mode === "SHARES" && this.current.state === "sealed";
    if (sealedShares && state.threshold && texts.length < state.threshold)
      await this.refuse("tooFew", actor);
    try {
      for (const text of texts) {
        const progress = await this.submitShare(text, actor);
        if (progress.state === "unsealed") return;
      }
    } finally {
      this.pending.clear();
    }
    throw new UnsealRefused("tooFew");
  }

  /** Forgets the shares entered so far (the "start over" button). */
  clearShares(): void {
    this.pending.clear();
  }

  // ---- Seal now --------------------------------------------------------------------------

  /**
   * "Seal now": forgets every key in this process and raises the seal generation, which every
   * other process polls (watch) and follows. Works sealed or not; audited.
   */
  async sealNow(actor: KeyActor = {}): Promise<void> {
    await prisma.$transaction(async (tx) => {
      await tx.keyringState.updateMany({
        where: { id: STATE_ID },
        data: { sealGeneration: { increment: 1 } },
      });
      await tx.processKey.updateMany({ data: { wrappedMasterKey: null, sealGeneration: null } });
      await appendAudit(tx, { action: "keys.sealed", ...actor, details: {} });
    });
    this.becomeSealed("sealedNow");
  }

  /** One poll: seals this process when another one sealed (or rotated) since it unsealed. */
  async checkGeneration(): Promise<void> {
    if (this.current.state !== "unsealed") return;
    const state = await prisma.keyringState.findUnique({
      where: { id: STATE_ID },
      select: { sealGeneration: true, version: true },
    });
    if (!state) return void this.becomeSealed("notInitialized");
    if (state.version !== this.current.version) return void this.becomeSealed("rotatedElsewhere");
    if (state.sealGeneration !== this.current.sealGeneration)
      return void this.becomeSealed("sealedNow");
  }

  /** Polls the seal generation every `intervalMs` (≤ 2 s after a "seal now" elsewhere). */
  watch(intervalMs = 1000): void {
    if (this.watcher) return;
    this.watcher = setInterval(() => {
      this.checkGeneration().catch((error: unknown) =>
        this.log(`keyring poll failed: ${String(error)}`),
      );
    }, intervalMs);
    this.watcher.unref();
  }

  stopWatching(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  // ---- Case keys -------------------------------------------------------------------------

  /**
   * A new case's data key, written in the case's transaction. Unsealed: wrapped by the master
   * key. Sealed: wrapped to the intake public key, so intakes go on; it is rewrapped under the
   * master key on the next unseal. The returned key seals the case's fields in that transaction.
   */
  async createCaseKey(tx: Tx, caseId: string): Promise<CaseKey> {
    const made = this.newCaseKey(caseId);
    const state = await lockedState(tx);
    if (!state) {
      made.forget();
      throw DomainError.sealed();
    }
    try {
      const row = made.wrap(state);
      await tx.caseKey.create({ data: { ...row, wrappedKey: toBytes(row.wrappedKey) } });
    } finally {
      made.forget();
    }
    return made.caseKey;
  }

  /**
   * `createCaseKey` in two halves, for the intake (app/modules/intake/intake.server.ts): the key
   * is made before the case's transaction, so its fields are sealed outside it, and `wrap` gives
   * its CaseKey row for the keyring state read inside it (`writeNewCaseKey`). `forget` zeroes
   * the secret; `wrap` refuses after it rather than wrap zeros.
   */
  newCaseKey(caseId: string): NewCaseKey {
    const secret = newSecret();
    const caseKey = caseKeyFrom(caseId, 1, secret);
    let forgotten = false;
    return {
      caseKey,
      forget: () => {
        forgotten = true;
        secret.fill(0);
      },
      wrap: (state) => {
        if (forgotten) throw new Error(`the new key of case ${caseId} was already forgotten`);
        const current =
          this.current.state === "unsealed" && state.version === this.current.version
            ? this.current
            : null;
        return {
          caseId,
          version: 1,
          wrappedTo: current ? "MASTER" : "INTAKE",
          masterVersion: state.version,
          wrappedKey: current
            ? wrapCaseKey(current.caseKeyWrap, caseKey, secret, state.version)
            : sealTo(
                publicKeyFromDer(state.intakePublicKey),
                secret,
                "case-key",
                intakeBoxContext(caseId, 1),
              ),
        };
      },
    };
  }

  /**
   * A new case key and its wrapping under the master key, without writing it: for bulk loads
   * (the benchmark's seed) that insert CaseKey rows themselves. Unsealed only.
   */
  newCaseKeyForBulkLoad(caseId: string): {
    caseKey: CaseKey;
    wrappedKey: Buffer;
    masterVersion: number;
  } {
    const unsealed = this.requireUnsealed();
    const secret = newSecret();
    const caseKey = caseKeyFrom(caseId, 1, secret);
    const wrappedKey = wrapCaseKey(unsealed.caseKeyWrap, caseKey, secret, unsealed.version);
    secret.fill(0);
    return { caseKey, wrappedKey, masterVersion: unsealed.version };
  }

  /** Every key of a case (unwrapped) and the current one, or why not. Never throws for bad data. */
  async caseKeys(caseId: string, db: Pick<Tx, "caseKey"> = prisma): Promise<CaseKeysResult> {
    // Outside a transaction, through the driver: every case page reads them (docs/decisions/0053).
    // A transaction's own reads stay on its client: the driver's connection would not see its
    // uncommitted writes (a key made earlier in it).
    const rows =
      db === prisma
        ? await committedCaseKeyRows(caseId)
        : await db.caseKey.findMany({ where: { caseId }, orderBy: { version: "asc" } });
    return this.keysFromRows(rows);
  }

  /** `caseKeys` for many cases at once (a list page): one query, one answer per case asked. */
  async caseKeysOfMany(
    caseIds: readonly string[],
    db: Pick<Tx, "caseKey"> = prisma,
  ): Promise<Map<string, CaseKeysResult>> {
    const rows = await db.caseKey.findMany({
      where: { caseId: { in: [...caseIds] } },
      orderBy: [{ caseId: "asc" }, { version: "asc" }],
    });
    const byCase = new Map<string, typeof rows>();
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    const results = new Map<string, CaseKeysResult>();
    for (const caseId of caseIds) {
      const own = byCase.get(caseId) ?? [];
      results.set(caseId, this.keysFromRows(own));
    }
    return results;
  }

  private keysFromRows(rows: CaseKeyRow[]): CaseKeysResult {
    if (rows.length === 0) return { ok: false, reason: "missing" };
    if (rows.every((row) => row.wrappedKey == null)) return { ok: false, reason: "destroyed" };
    if (this.current.state !== "unsealed") return { ok: false, reason: "sealed" };
    const keys: CaseKey[] = [];
    for (const row of rows) {
      if (!row.wrappedKey) continue;
      const key = this.unwrapRow(row);
      if (!key) return { ok: false, reason: "unreadable" };
      keys.push(key);
    }
    return { ok: true, keys, current: keys[keys.length - 1]! };
  }

  private unwrapRow(row: CaseKeyRow): CaseKey | null {
    const unsealed = this.requireUnsealed();
    if (!row.wrappedKey) return null;
    if (row.wrappedTo === "INTAKE") {
      const secret = openFrom(
        unsealed.intakePrivateKey,
        row.wrappedKey,
        "case-key",
        intakeBoxContext(row.caseId, row.version),
      );
      return secret ? caseKeyFrom(row.caseId, row.version, secret) : null;
    }
    if (row.masterVersion !== unsealed.version) return null;
    return unwrapCaseKey(unsealed.caseKeyWrap, row.wrappedKey, {
      caseId: row.caseId,
      version: row.version,
      masterVersion: unsealed.version,
    });
  }

  /**
   * Case keys taken while sealed, rewrapped under the master key. Returns their case ids: the
   * next session computes those intakes' duplicate warnings from them (the blind-index key was
   * sealed when they were taken).
   */
  async rewrapIntakeCaseKeys(): Promise<string[]> {
    const unsealed = this.requireUnsealed();
    const rows = await prisma.caseKey.findMany({
      where: { wrappedTo: "INTAKE", wrappedKey: { not: null } },
    });
    const done: string[] = [];
    for (const row of rows) {
      const key = this.unwrapRow(row);
      if (!key) {
        this.log(
          `case key taken while sealed does not open (case ${row.caseId}, version ${row.version})`,
        );
        continue;
      }
      const secret = key.key.export();
      await prisma.caseKey.updateMany({
        where: { caseId: row.caseId, version: row.version, wrappedTo: "INTAKE" },
        data: {
          wrappedTo: "MASTER",
          masterVersion: unsealed.version,
          wrappedKey: toBytes(wrapCaseKey(unsealed.caseKeyWrap, key, secret, unsealed.version)),
        },
      });
      secret.fill(0);
      done.push(row.caseId);
    }
    return done;
  }

  // ---- Rotation --------------------------------------------------------------------------

  /**
   * `npm run keys:rotate`: a new master key (new shares, or a new key file), every case key
   * rewrapped under it in one transaction, the data itself untouched. The index root (hence
   * every blind index) stays; the intake key pair is replaced. Other processes seal (their key
   * is the old one) until they are unsealed again.
   */
  async rotate(options: InitOptions, actor: KeyActor = {}): Promise<InitResult> {
    const unsealed = this.requireUnsealed();
    await this.rewrapIntakeCaseKeys();
    const version = unsealed.version + 1;
    const material = await newMaterial(unsealed.keyringId, version, unsealed.indexRoot, options);
    const keyFile =
      options.mode === "SHARES"
        ? null
        : path.resolve(options.keyFile ?? demoKeyFile(unsealed.keyringId));
    // The new key file beside the old one until the database has switched: a crash in between
    // leaves both keys on disk, never neither.
    const staged = keyFile ? `${keyFile}.new` : null;
    if (staged)
      await writeKeyFile(staged, formatKeyFile(unsealed.keyringId, material.masterKey), true);
    let rewrapped = 0;
    await prisma.$transaction(
      async (tx) => {
        // FOR UPDATE: a second rotation waits, then finds the version moved on and stops.
        const state = await lockedState(tx, "update");
        if (!state || state.version !== unsealed.version) throw DomainError.conflict(null);
        const rows = await tx.caseKey.findMany({ where: { wrappedKey: { not: null } } });
        for (const row of rows) {
          const key = this.unwrapRow(row);
          if (!key)
            throw new Error(
              `case key of case ${row.caseId} does not open: rotation stopped, nothing changed`,
            );
          const secret = key.key.export();
          await tx.caseKey.update({
            where: { caseId_version: { caseId: row.caseId, version: row.version } },
            data: {
              wrappedTo: "MASTER",
              masterVersion: version,
              wrappedKey: toBytes(wrapCaseKey(material.derived.caseKeyWrap, key, secret, version)),
            },
          });
          secret.fill(0);
          rewrapped += 1;
        }
        await tx.keyringState.update({
          where: { id: STATE_ID },
          data: {
            mode: options.mode,
            version,
            verifier: toBytes(material.verifier),
            ...modeFields(options),
            shareDigests: JSON.stringify(material.shareDigests),
            wrappedIndexRoot: toBytes(material.wrappedIndexRoot),
            intakePublicKey: toBytes(material.intakePublicKey),
            wrappedIntakeKey: toBytes(material.wrappedIntakeKey),
            sealGeneration: { increment: 1 },
            rotatedAt: new Date(),
          },
        });
        await tx.processKey.updateMany({ data: { wrappedMasterKey: null, sealGeneration: null } });
        await appendAudit(tx, {
          action: "keys.rotated",
          ...actor,
          details: {
            fromVersion: unsealed.version,
            toVersion: version,
            mode: options.mode,
            caseKeys: rewrapped,
            ...modeFields(options),
          },
        });
      },
      { timeout: 10 * 60_000 },
    );
    if (staged && keyFile) await rename(staged, keyFile);
    const state = await readState();
    this.becomeUnsealed(material.masterKey, state!);
    material.masterKey.fill(0);
    return { keyringId: unsealed.keyringId, version, shares: material.shares, keyFile };
  }
}

/** The keyring row a new case key is wrapped for (`NewCaseKey.wrap`). */
export type KeyringStateRow = { version: number; intakePublicKey: Uint8Array };

/**
 * The keyring row, locked against a concurrent rotation, as `createCaseKey` reads it
 * (PostgreSQL): a statement of its own, or a clause of the intake's first statement
 * (docs/decisions/0040-group-commit-for-intakes.md, addendum 3).
 */
export const keyringStateForShare = Prisma.sql`SELECT "version", "intakePublicKey" FROM "KeyringState" WHERE "id" = ${STATE_ID} FOR SHARE`;

/**
 * The CaseKey INSERT of a key made by `keyring.newCaseKey`, wrapped for the keyring row read in
 * the same transaction: a statement of its own or a clause of a larger one. No row (not
 * initialized): a "sealed" DomainError.
 */
export function newCaseKeyInsert(made: NewCaseKey, state: KeyringStateRow | undefined): Prisma.Sql {
  if (!state) {
    made.forget();
    throw DomainError.sealed();
  }
  const row = made.wrap(state);
  return Prisma.sql`
    INSERT INTO "CaseKey" ("caseId", "version", "wrappedTo", "masterVersion", "wrappedKey", "createdAt")
    VALUES (${row.caseId}, ${row.version}, ${row.wrappedTo}, ${row.masterVersion}, ${row.wrappedKey}, ${new Date()})`;
}

/**
 * The CaseKey row of a key made by `keyring.newCaseKey`, inserted in a transaction straight
 * through the driver; the keyring row is read (and on PostgreSQL locked against a concurrent
 * rotation) as `createCaseKey` does. Not initialized: a "sealed" DomainError.
 */
export async function writeNewCaseKey(tx: DirectTx, made: NewCaseKey): Promise<void> {
  const state = await tx.get<KeyringStateRow>(
    tx.provider === "postgresql"
      ? keyringStateForShare
      : Prisma.sql`SELECT "version", "intakePublicKey" FROM "KeyringState" WHERE "id" = ${STATE_ID}`,
  );
  await tx.run(newCaseKeyInsert(made, state));
}

/** The keyring row, locked against a concurrent rotation on PostgreSQL (SQLite has one writer). */
async function lockedState(tx: Tx, lock: "share" | "update" = "share") {
  if (database.provider === "postgresql") {
    if (lock === "update")
      await tx.$queryRaw`SELECT 1 FROM "KeyringState" WHERE id = ${STATE_ID} FOR UPDATE`;
    else await tx.$queryRaw`SELECT 1 FROM "KeyringState" WHERE id = ${STATE_ID} FOR SHARE`;
  }
  return readState(tx);
}

/**
 * Crypto-shredding: the case's keys are destroyed, so its identities, texts and documents can
 * never be read again (backups made before keep the wrapped key: see the README). Works sealed.
 */
export async function destroyCaseKeys(
  tx: Tx,
  caseId: string,
  actor: KeyActor & { reason: string },
): Promise<number> {
  const { count } = await tx.caseKey.updateMany({
    where: { caseId, wrappedKey: { not: null } },
    data: { wrappedKey: null, destroyedAt: new Date() },
  });
  if (count === 0) throw DomainError.notFound();
  await appendAudit(tx, {
    action: "case.key_destroyed",
    actorId: actor.actorId ?? null,
    ipAddress: actor.ipAddress ?? null,
    userAgent: actor.userAgent ?? null,
    targetType: "case",
    targetId: caseId,
    details: { keys: count, reason: actor.reason },
  });
  return count;
}

/** What `keys:status` prints: the row's facts, never a key. */
export async function keyringFacts() {
  const state = await prisma.keyringState.findUnique({
    where: { id: STATE_ID },
    select: {
      keyringId: true,
      mode: true,
      version: true,
      threshold: true,
      shareCount: true,
      sealGeneration: true,
      unsealFailures: true,
      unsealBlockedUntil: true,
      createdAt: true,
      rotatedAt: true,
    },
  });
  if (!state) return null;
  const keys = await prisma.caseKey.groupBy({
    by: ["wrappedTo"],
    where: { wrappedKey: { not: null } },
    _count: { _all: true },
  });
  const destroyed = await prisma.caseKey.count({ where: { wrappedKey: null } });
  const count = (to: "MASTER" | "INTAKE") => keys.find((k) => k.wrappedTo === to)?._count._all ?? 0;
  return { ...state, caseKeys: { master: count("MASTER"), intake: count("INTAKE"), destroyed } };
}

const globalForKeyring = globalThis as unknown as { __adalKeyring?: Keyring };

/** The process's keyring: one per process (kept on globalThis so dev rebuilds keep it unsealed). */
export const keyring: Keyring = globalForKeyring.__adalKeyring ?? new Keyring();
globalForKeyring.__adalKeyring = keyring;
