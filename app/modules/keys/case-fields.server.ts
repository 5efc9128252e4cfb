// The one door between the data paths and the case keys (docs/decisions/0012,
// 0027). A module that writes a protected column asks for a `CaseSealer` in its
// transaction; a module that reads one asks for a `CaseOpener` and gets, for
// each column, the text or why it cannot be shown. Nothing else in app/modules
// touches case keys.
//
// Writing needs the case key: while the server is sealed only new intakes can
// be written (their key is wrapped to the intake public key), and editing a
// protected column of an existing case is refused with a "sealed" DomainError.
// Reading never throws for bad data: a field that fails authentication shows
// "cannot be read" on its own and administrators are told (once per case and day).
import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import type { DirectTx } from "~/db/direct-writes.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { raiseUnreadableFieldAlert } from "~/modules/audit/alerts.server";
import { DomainError } from "~/utils/domain-error";
import { logInfo } from "~/utils/log.server";
import { blindIin, blindPhone, blindSearchText, type BlindIndexKeys } from "./blind-index.server";
import {
  isSealedField,
  openColumns,
  sealColumns,
  unreadableColumns,
  type CaseKey,
  type OpenedField,
  type SealedColumns,
} from "./envelope.server";
import {
  keyring,
  newCaseKeyInsert,
  writeNewCaseKey,
  type CaseKeyFailure,
  type KeyringStateRow,
} from "./keyring.server";

/**
 * What a page gets for a protected column: the text, or why it cannot be shown.
 * Plain data (no class), so loaders can return it.
 */
export type Readable =
  { ok: true; value: string } | { ok: false; reason: "sealed" | "destroyed" | "unreadable" };

type Stored = Record<string, string | null>;
export type ReadableColumns<T extends Stored> = {
  [K in keyof T]: T[K] extends string ? Readable : Readable | null;
};

/** A row id chosen before the row is written, so its ciphertexts can name it (cuid-like). */
export function newRowId(): string {
  return `c${Date.now().toString(36)}${randomBytes(10).toString("hex")}`;
}

// ---- Writing --------------------------------------------------------------------------------

export type CaseSealer = {
  readonly caseId: string;
  /** The columns of one row, sealed for this case: null stays null. */
  seal<T extends Stored>(table: string, rowId: string, values: T): SealedColumns<T>;
};

function sealerFor(caseKey: CaseKey): CaseSealer {
  return {
    caseId: caseKey.caseId,
    seal: (table, rowId, values) => sealColumns(caseKey, table, rowId, values),
  };
}

/** A new case's sealer: creates its key in the intake's transaction (works sealed, see 0012). */
export async function sealerForNewCase(tx: Tx, caseId: string): Promise<CaseSealer> {
  return sealerFor(await keyring.createCaseKey(tx, caseId));
}

/**
 * A new case's sealer made before its transaction (the intake): its fields are sealed outside
 * the transaction, and `writeKey` writes the case key inside it, wrapped as `sealerForNewCase`
 * wraps it (works sealed). `forget` drops the key's secret if the transaction fails first.
 */
export function sealerForIntake(caseId: string): CaseSealer & {
  writeKey(tx: DirectTx): Promise<void>;
  /** `writeKey`'s INSERT for a keyring row the caller read itself (`keyringStateForShare`). */
  keyInsert(state: KeyringStateRow | undefined): Prisma.Sql;
  forget(): void;
} {
  const made = keyring.newCaseKey(caseId);
  return {
    ...sealerFor(made.caseKey),
    writeKey: (tx) => writeNewCaseKey(tx, made),
    keyInsert: (state) => newCaseKeyInsert(made, state),
    forget: () => made.forget(),
  };
}

/**
 * The sealer of an existing case, for a write in `tx`. A sealed server, or a case whose key was
 * destroyed or cannot be opened, refuses with a "sealed" DomainError: nothing is written.
 */
export async function sealerForCase(tx: Tx, caseId: string): Promise<CaseSealer> {
  const keys = await keyring.caseKeys(caseId, tx);
  // A case from before the migration has no key yet: its first sealed write makes one.
  if (!keys.ok && keys.reason === "missing") return sealerForNewCase(tx, caseId);
  if (!keys.ok) throw DomainError.sealed();
  return sealerFor(keys.current);
}

// ---- Reading --------------------------------------------------------------------------------

export type CaseOpener = {
  readonly caseId: string;
  /** Whether the case's fields can be opened at all (false: sealed, destroyed, unreadable key). */
  readonly readable: boolean;
  /** Each column of one row, opened, or why not. */
  open<T extends Stored>(table: string, rowId: string, stored: T): ReadableColumns<T>;
  /** One column. */
  openOne(table: string, column: string, rowId: string, stored: string): Readable;
  openOne(table: string, column: string, rowId: string, stored: string | null): Readable | null;
};

type KeysOrFailure = readonly CaseKey[] | { ok: false; reason: CaseKeyFailure };

function toReadable(field: OpenedField, stored: string): Readable {
  if (field.ok) return field;
  // Plaintext written before `npm run keys:encrypt-existing` ran: shown as it is (0027).
  if (field.reason === "notCiphertext") return { ok: true, value: stored };
  return { ok: false, reason: field.reason };
}

class Opener implements CaseOpener {
  private reported = new Set<string>();
  constructor(
    readonly caseId: string,
    private readonly keys: KeysOrFailure,
  ) {}

  /** A case without a key (from before the migration) holds only plaintext: readable too. */
  get readable(): boolean {
    return Array.isArray(this.keys) || (this.keys as { reason: string }).reason === "missing";
  }

  open<T extends Stored>(table: string, rowId: string, stored: T): ReadableColumns<T> {
    const result: Record<string, Readable | null> = {};
    const sealed: Stored = {};
    for (const [column, value] of Object.entries(stored)) {
      // Plaintext from before the migration (`keys:encrypt-existing`) needs no key, and a case
      // from then may have none yet: shown as it is.
      if (value != null && !isSealedField(value)) result[column] = { ok: true, value };
      else sealed[column] = value;
    }
    const opened = openColumns(this.keys, table, rowId, sealed);
    const bad = unreadableColumns(opened);
    if (bad.length > 0) this.report(table, bad);
    for (const [column, field] of Object.entries(opened))
      result[column] = field ? toReadable(field, sealed[column]!) : null;
    return result as ReadableColumns<T>;
  }

  openOne(table: string, column: string, rowId: string, stored: string): Readable;
  openOne(table: string, column: string, rowId: string, stored: string | null): Readable | null;
  openOne(table: string, column: string, rowId: string, stored: string | null): Readable | null {
    if (stored == null) return null;
    return this.open(table, rowId, { [column]: stored })[column]!;
  }

  /** Failed authentication is tampering or damage: administrators hear of it, without values. */
  private report(table: string, columns: string[]) {
    const key = `${table}:${columns.join(",")}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    logInfo(`case ${this.caseId}: ${table} ${columns.join(", ")} failed authentication`);
    raiseUnreadableFieldAlert(this.caseId, table, columns).catch(() => undefined);
  }
}

function failureOf(reason: CaseKeyFailure): { ok: false; reason: CaseKeyFailure } {
  return { ok: false, reason };
}

/** The opener of one case (reads its keys once). */
export async function openerForCase(
  caseId: string,
  db: Pick<Tx, "caseKey"> = prisma,
): Promise<CaseOpener> {
  const keys = await keyring.caseKeys(caseId, db);
  if (!keys.ok && keys.reason === "unreadable")
    raiseUnreadableFieldAlert(caseId, "CaseKey", ["wrappedKey"]).catch(() => undefined);
  return new Opener(caseId, keys.ok ? keys.keys : failureOf(keys.reason));
}

/** Openers for many cases (a list page), their keys read in one query. */
export async function openersForCases(
  caseIds: readonly string[],
  db: Pick<Tx, "caseKey"> = prisma,
): Promise<Map<string, CaseOpener>> {
  const unique = [...new Set(caseIds)];
  const openers = new Map<string, CaseOpener>();
  if (unique.length === 0) return openers;
  const byCase = await keyring.caseKeysOfMany(unique, db);
  for (const caseId of unique) {
    const keys = byCase.get(caseId) ?? { ok: false as const, reason: "missing" as const };
    openers.set(caseId, new Opener(caseId, keys.ok ? keys.keys : failureOf(keys.reason)));
  }
  return openers;
}

/** The columns of an opened row that cannot be read (failed authentication) — decision 0043. */
export function unreadableOf<C extends string>(
  opened: Partial<Record<C, Readable | null>>,
  columns: readonly C[],
): C[] {
  return columns.filter((column) => opened[column] != null && !opened[column]!.ok);
}

/**
 * What an edit does with columns that cannot be read (decision 0043): each is kept as stored
 * unless its "replace" box was ticked. Text typed over a kept one is refused ("tick to
 * replace"), before anything is written: it would otherwise be silently dropped.
 */
export function keepOrReplace<C extends string>(
  unreadable: readonly C[],
  typed: Partial<Record<C, unknown>>,
  replace: Partial<Record<C, boolean>>,
  pathOf: (column: C) => string = (column) => column,
): { kept: C[]; replaced: C[] } {
  const kept = unreadable.filter((column) => !replace[column]);
  const typedOver = kept.filter((column) => typed[column] != null && typed[column] !== "");
  if (typedOver.length > 0)
    throw DomainError.invalid(
      Object.fromEntries(
        typedOver.map((column) => [pathOf(column), "caseFile.edit.unreadable.tickToReplace"]),
      ),
    );
  return { kept, replaced: unreadable.filter((column) => replace[column]) };
}

/** The value, or null when it cannot be shown: for places where only the text matters (exports). */
export function valueOf(field: Readable | null | undefined): string | null {
  return field?.ok ? field.value : null;
}

// ---- Blind indexes ----------------------------------------------------------------------------

/** The blind-index keys, or null while sealed (the indexes are filled in on unsealing). */
export function blindIndexKeysIfUnsealed(): BlindIndexKeys | null {
  return keyring.isUnsealed() ? keyring.blindIndexKeys() : null;
}

/** The IIN's and phone's tokens for duplicate warnings; nulls while sealed or when absent. */
export function identityIndexes(
  keys: BlindIndexKeys | null,
  identity: { iin: string | null; phone: string | null },
): { iinIndex: string | null; phoneIndex: string | null } {
  return {
    iinIndex: keys && identity.iin ? blindIin(keys, identity.iin) : null,
    phoneIndex: keys && identity.phone ? blindPhone(keys, identity.phone) : null,
  };
}

export { blindSearchText };
