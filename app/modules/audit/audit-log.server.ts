// Reading the audit log for administrators: filtered by person, target,
// action and period, a page at a time, and exported as CSV (itself recorded).
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import { toCsv, UTF8_BOM } from "~/utils/csv";
import { endOfKazakhstanDay, startOfKazakhstanDay } from "~/utils/time";
import { checkExportSize } from "./alerts.server";
import { appendAudit, DURESS_ACTIONS } from "./audit.server";
import type { AuditFilters } from "./audit-filters";
import type { Caller } from "~/modules/auth/caller";
import { openExportWords } from "~/modules/keys/audit-words.server";
import type { Readable } from "~/modules/keys/case-fields.server";

export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_EXPORT_MAX = 100_000;

/** Who is reading the log: a duress session never sees the entries that would give it away. */
type Reader = { duress?: boolean };

function auditWhere(filters: AuditFilters, reader: Reader = {}): Prisma.AuditEntryWhereInput {
  // Days are Kazakhstan days: "from 1 March" starts at 00:00 in Almaty.
  return {
    ...(reader.duress ? { NOT: { action: { in: [...DURESS_ACTIONS] } } } : {}),
    ...(filters.actor ? { actorId: filters.actor } : {}),
    ...(filters.target ? { targetId: filters.target } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from || filters.to
      ? {
          createdAt: {
            ...(filters.from ? { gte: startOfKazakhstanDay(filters.from) } : {}),
            ...(filters.to ? { lt: endOfKazakhstanDay(filters.to) } : {}),
          },
        }
      : {}),
  };
}

const ENTRY = {
  seq: true,
  createdAt: true,
  action: true,
  targetType: true,
  targetId: true,
  ipAddress: true,
  userAgent: true,
  details: true,
  hash: true,
  actor: { select: { id: true, displayName: true, email: true } },
} satisfies Prisma.AuditEntrySelect;

export async function searchAuditLog(filters: AuditFilters, reader: Reader = {}) {
  const where = auditWhere(filters, reader);
  const page = filters.page ?? 1;
  const [total, entries] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({
      where,
      orderBy: { seq: "desc" },
      take: AUDIT_PAGE_SIZE,
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      select: ENTRY,
    }),
  ]);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: entries.map((entry) => ({ ...entry, exportReason: exportReason(entry, reader) })),
  };
}

/** The reason an export with identities gave: the code, and the words opened or why they cannot be. */
export type ExportReason = { reason: string; explanation: Readable | null };

/**
 * For an export with identities (`cases.exported`), its reason code and the exporter's words,
 * opened with the export-words key (sealed for their entry, docs/decisions/0034's addenda), or
 * why they cannot be shown: the server is sealed, or they do not open here ("unreadable":
 * altered, or copied from another entry). Words from before they were sealed are shown as they
 * are. A duress session is shown none of them. Null for every other entry.
 */
function exportReason(
  entry: { action: string; details: string; actor: { id: string } | null },
  reader: Reader,
): ExportReason | null {
  if (entry.action !== "cases.exported") return null;
  const details = JSON.parse(entry.details) as {
    withIdentities?: unknown;
    reason?: unknown;
    wordsId?: unknown;
    explanation?: unknown;
  };
  if (details.withIdentities !== true) return null;
  const words = typeof details.explanation === "string" ? details.explanation : "";
  const ref = {
    action: entry.action,
    actorId: entry.actor?.id ?? "",
    wordsId: typeof details.wordsId === "string" ? details.wordsId : "",
  };
  return {
    reason: typeof details.reason === "string" ? details.reason : "OTHER",
    explanation: !words
      ? null
      : reader.duress
        ? { ok: false, reason: "sealed" }
        : openExportWords(ref, words),
  };
}

/** People who appear in the log, for the "who" filter. */
export function auditPeople() {
  return prisma.user.findMany({
    orderBy: { displayName: "asc" },
    select: { id: true, displayName: true, email: true },
  });
}

/** The filtered log as CSV (UTF-8 with BOM); the export is itself an audit entry. */
export async function exportAuditLog(
  caller: Caller,
  filters: AuditFilters,
  request: { ipAddress?: string | null; userAgent?: string | null } = {},
): Promise<{ csv: string; rows: number }> {
  const entries = await prisma.auditEntry.findMany({
    where: auditWhere(filters, caller),
    orderBy: { seq: "asc" },
    take: AUDIT_EXPORT_MAX,
    select: ENTRY,
  });
  const csv =
    UTF8_BOM +
    toCsv([
      [
        "seq",
        "time_utc",
        "actor",
        "action",
        "target_type",
        "target",
        "ip",
        "user_agent",
        "details",
        "hash",
      ],
      ...entries.map((e) => [
        e.seq,
        e.createdAt.toISOString(),
        e.actor?.email ?? "",
        e.action,
        e.targetType,
        e.targetId,
        e.ipAddress,
        e.userAgent,
        e.details,
        e.hash,
      ]),
    ]);
  await prisma.$transaction(async (tx) => {
    const { page: _page, ...recorded } = filters;
    await appendAudit(tx, {
      action: "audit.exported",
      actorId: caller.id,
      details: { filters: recorded, rows: entries.length },
      ...request,
    });
    await checkExportSize(tx, caller.id, entries.length);
  });
  return { csv, rows: entries.length };
}
