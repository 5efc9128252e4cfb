// Generating and exporting a report: built within the caller's scope, small
// counts suppressed, and recorded in the audit log with its filters.
import { prisma } from "~/db.server";
import { appendAudit } from "~/modules/audit/audit.server";
import type { Caller, RequestContext } from "~/modules/auth/caller";
import { toCsv } from "~/utils/csv";
import { formatDate } from "~/utils/format";
import { reportSearch, type ReportFilters } from "./filters";
import { buildReport, type FoaListing } from "./reports.server";
import { labelKey, sectionRows, showReport, type ShownReport } from "./sections";
import { shownText } from "./suppress";

type Translate = (key: string, options?: Record<string, unknown>) => string;
export type ReportFormat = "page" | "csv" | "json";

/** The report as it may leave the system, and its audit entry. */
export async function generateReport(
  caller: Caller,
  filters: ReportFilters,
  context: RequestContext,
  format: ReportFormat,
  /** The page lists the most recent freedom-of-association cases unless asked for the full list (to print). */
  foa: FoaListing = format === "page" ? "recent" : "full",
): Promise<ShownReport> {
  const shown = showReport(await buildReport(caller, filters, { foa }));
  await prisma.$transaction((tx) =>
    appendAudit(tx, {
      action: format === "page" ? "report.generated" : "report.exported",
      actorId: caller.id,
      ipAddress: context.ipAddress,
      userAgent: context.userAgent,
      details: { format, filters: reportSearch(filters).toString() },
    }),
  );
  return shown;
}

/** The lines every copy of a report starts with: what it counts, and who made it when. */
export function reportHeading(
  report: ShownReport,
  t: Translate,
  locale: string,
  generatedAt: Date,
): string[] {
  const day = (d: string) => formatDate(`${d}T12:00:00.000Z`, locale);
  const list = (kind: "region" | "category" | "sector", keys: readonly string[]) =>
    keys.length === 0
      ? t("reports.filters.all")
      : keys.map((k) => t(labelKey(kind, k)!)).join(", ");
  return [
    t("reports.title"),
    t("reports.period", { from: day(report.filters.from), to: day(report.filters.to) }),
    `${t("reports.filters.regions")}: ${list("region", report.regions)}`,
    `${t("reports.filters.categories")}: ${list("category", report.filters.categories)}`,
    `${t("reports.filters.sectors")}: ${list("sector", report.filters.sectors)}`,
    `${t("reports.filters.level")}: ${report.filters.level ? t(`reports.levels.${report.filters.level}`) : t("reports.filters.all")}`,
    t("reports.generated", { date: formatDate(generatedAt.toISOString(), locale) }),
    t("reports.suppressionNote"),
  ];
}

export function reportCsv(
  report: ShownReport,
  t: Translate,
  locale: string,
  generatedAt: Date,
): string {
  const lines: (string | number)[][] = reportHeading(report, t, locale, generatedAt).map((l) => [
    l,
  ]);
  for (const section of report.sections) {
    lines.push([], [t(section.title)], ...sectionRows(section, t));
  }
  lines.push(
    [],
    [t("reports.tables.outcomes")],
    [t("reports.outcomes.kind"), t("reports.outcomes.people"), t("reports.measures.cases")],
  );
  for (const p of report.outcomes.people) {
    lines.push([t(`caseFile.outcomes.kinds.${p.kind}`), shownText(p.people), shownText(p.cases)]);
  }
  lines.push(
    [],
    [t("reports.tables.wages")],
    [t("reports.outcomes.currency"), t("reports.outcomes.amount"), t("reports.measures.cases")],
  );
  for (const m of report.outcomes.money) {
    lines.push([m.currency, minorToMajor(m.amountMinor), shownText(m.cases)]);
  }
  lines.push(
    [],
    [t("reports.tables.freedomOfAssociation")],
    [
      t("reports.foa.date"),
      t("reports.kinds.category"),
      t("reports.kinds.region"),
      t("reports.kinds.sector"),
      t("reports.foa.employer"),
      t("reports.foa.authority"),
      t("reports.foa.proceedings"),
      t("reports.foa.outcomes"),
      t("reports.foa.urgent"),
      t("reports.foa.named"),
    ],
  );
  for (const e of report.freedomOfAssociation.entries) {
    lines.push([
      e.incidentStart,
      t(`categories.${e.category}`),
      t(`regions.${e.region}`),
      t(labelKey("sector", e.sector)!),
      e.employer ?? "",
      e.authority ?? "",
      e.proceedings
        .map(
          (p) =>
            `${t(`caseFile.proceedings.kinds.${p.kind}`)} — ${p.authority} (${t(`caseFile.proceedings.statuses.${p.status}`)})`,
        )
        .join("; "),
      e.outcomes.map((o) => t(`caseFile.outcomes.kinds.${o}`)).join("; "),
      e.urgency.map((u) => t(`reports.foa.urgency.${u}`)).join("; "),
      e.namedWorkers.join("; "),
    ]);
  }
  return toCsv(lines);
}

/** Exact minor units as a decimal of major units ("150000" tiyn → "1500.00"). */
export function minorToMajor(amountMinor: string): string {
  const negative = amountMinor.startsWith("-");
  const digits = (negative ? amountMinor.slice(1) : amountMinor).padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Every table as data: hidden counts are the strings "<5" and "x". */
export function reportJson(report: ShownReport, generatedAt: Date) {
  const value = (c: Parameters<typeof shownText>[0]) =>
    c.kind === "value" ? c.value : shownText(c);
  return {
    generatedAt: generatedAt.toISOString(),
    generatedBy: "Adal",
    period: { from: report.filters.from, to: report.filters.to },
    filters: { ...report.filters, regions: report.regions },
    suppression: 'Counts from 1 to 4 are "<5"; "x" hides a count that would reveal one.',
    tables: report.sections.map((s) => ({
      id: s.id,
      rows: s.table.rows.map((r, i) => ({
        key: r,
        values: Object.fromEntries(
          s.table.columns.map((c, j) => [c, value(s.table.cells[i]![j]!)]),
        ),
        ...(s.table.total ? { total: value(s.table.rowTotals[i]!) } : {}),
      })),
      ...(s.table.total
        ? {
            columnTotals: Object.fromEntries(
              s.table.columns.map((c, j) => [c, value(s.table.columnTotals[j]!)]),
            ),
            total: value(s.table.total),
          }
        : {}),
    })),
    outcomes: {
      wagesRecovered: report.outcomes.money.map((m) => ({
        currency: m.currency,
        amount: minorToMajor(m.amountMinor),
        cases: value(m.cases),
      })),
      people: report.outcomes.people.map((p) => ({
        kind: p.kind,
        people: value(p.people),
        cases: value(p.cases),
      })),
    },
    freedomOfAssociation: report.freedomOfAssociation,
  };
}
