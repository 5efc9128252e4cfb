// A report as it leaves the system: its tables in order, each with small
// counts suppressed, and the labels' translation keys. Shared by the page,
// the CSV and the JSON so the three always show the same numbers.
// Types only from the server module: safe in the browser bundle.
import type { FoaEntry, MoneyOutcome, PeopleOutcome, Report } from "./reports.server";
import type { ReportFilters } from "./filters";
import { shownText, suppressTable, showCount, type ShownCount, type ShownTable } from "./suppress";

export type LabelKind =
  | "category"
  | "region"
  | "sector"
  | "month"
  | "level"
  | "indicator"
  | "harm"
  | "triState"
  | "measure"
  | "verdict";

export type ReportSection = {
  id: string;
  /** Translation key of the table's title. */
  title: string;
  rowKind: LabelKind;
  columnKind: LabelKind;
  table: ShownTable;
  /** Drawn as a chart above its table. */
  chart: "columns" | "bars" | null;
};

export type ShownReport = {
  filters: ReportFilters;
  regions: string[];
  sections: ReportSection[];
  forcedLabour: { forcedLabour: ShownCount; indicatorsOnly: ShownCount };
  outcomes: {
    money: (Omit<MoneyOutcome, "cases"> & { cases: ShownCount })[];
    people: { kind: PeopleOutcome["kind"]; people: ShownCount; cases: ShownCount }[];
  };
  /** Listed case by case (no worker identity): a count that hides nothing the list does not show. */
  freedomOfAssociation: { total: number; entries: FoaEntry[]; complete: boolean };
};

export function labelKey(kind: LabelKind, key: string): string | null {
  switch (kind) {
    case "category":
      return `categories.${key}`;
    case "region":
      return `regions.${key}`;
    case "sector":
      return key === "NONE" ? "reports.noSector" : `sectors.${key}`;
    case "month":
      return null;
    case "level":
      return `reports.levels.${key}`;
    case "indicator":
      return `intake.indicators.${key}`;
    case "harm":
      return `intake.harmKinds.${key}`;
    case "triState":
      return `triState.${key}`;
    case "measure":
      return `reports.measures.${key}`;
    case "verdict":
      return `reports.forcedLabour.${key}`;
  }
}

export function showReport(report: Report): ShownReport {
  const section = (
    id: string,
    title: string,
    rowKind: LabelKind,
    columnKind: LabelKind,
    table: Report["casesByCategoryMonth"],
    chart: ReportSection["chart"] = null,
  ): ReportSection => ({ id, title, rowKind, columnKind, table: suppressTable(table), chart });
  const verdicts = suppressTable(report.forcedLabour.verdicts);
  return {
    filters: report.filters,
    regions: report.regions,
    sections: [
      section(
        "cases-by-month",
        "reports.tables.casesByMonth",
        "category",
        "month",
        report.casesByCategoryMonth,
        "columns",
      ),
      section(
        "workers-by-month",
        "reports.tables.workersByMonth",
        "category",
        "month",
        report.workersByCategoryMonth,
      ),
      section(
        "cases-by-region",
        "reports.tables.casesByRegion",
        "region",
        "category",
        report.casesByRegionCategory,
        "bars",
      ),
      section(
        "workers-by-region",
        "reports.tables.workersByRegion",
        "region",
        "measure",
        report.workersByRegion,
      ),
      section(
        "cases-by-sector",
        "reports.tables.casesBySector",
        "sector",
        "category",
        report.casesBySectorCategory,
        "bars",
      ),
      section(
        "workers-by-sector",
        "reports.tables.workersBySector",
        "sector",
        "measure",
        report.workersBySector,
      ),
      section(
        "forced-labour",
        "reports.tables.forcedLabour",
        "measure",
        "verdict",
        report.forcedLabour.verdicts,
      ),
      section(
        "forced-labour-indicators",
        "reports.tables.indicators",
        "indicator",
        "measure",
        report.forcedLabour.indicators,
        "bars",
      ),
      section(
        "unsafe-by-sector",
        "reports.tables.unsafeBySector",
        "sector",
        "harm",
        report.unsafeWork.bySector,
      ),
      section(
        "unsafe-by-region",
        "reports.tables.unsafeByRegion",
        "region",
        "harm",
        report.unsafeWork.byRegion,
      ),
      section(
        "unsafe-reported",
        "reports.tables.unsafeReported",
        "harm",
        "triState",
        report.unsafeWork.reportedToInspectorate,
      ),
      section(
        "unsafe-people",
        "reports.tables.unsafePeople",
        "harm",
        "measure",
        report.unsafeWork.peopleHarmed,
      ),
      section(
        "verification",
        "reports.tables.verification",
        "measure",
        "level",
        report.verification,
      ),
    ],
    forcedLabour: {
      forcedLabour: verdicts.cells[0]![0]!,
      indicatorsOnly: verdicts.cells[0]![1]!,
    },
    outcomes: {
      money: report.outcomes.money.map((m) => ({ ...m, cases: showCount(m.cases) })),
      people: report.outcomes.people.map((p) => ({
        kind: p.kind,
        people: showCount(p.people),
        cases: showCount(p.cases),
      })),
    },
    freedomOfAssociation: {
      total: report.freedomOfAssociation.total,
      entries: report.freedomOfAssociation.entries,
      complete: report.freedomOfAssociation.entries.length === report.freedomOfAssociation.total,
    },
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A section's rows as text, header first and the totals row last: for CSV and print alike. */
export function sectionRows(section: ReportSection, t: Translate): string[][] {
  const label = (kind: LabelKind, key: string) => {
    const k = labelKey(kind, key);
    return k ? t(k) : key;
  };
  const { table } = section;
  const hasTotals = table.total !== null;
  const header = [
    t(`reports.kinds.${section.rowKind}`),
    ...table.columns.map((c) => label(section.columnKind, c)),
    ...(hasTotals ? [t("reports.total")] : []),
  ];
  const rows = table.rows.map((r, i) => [
    label(section.rowKind, r),
    ...table.cells[i]!.map((c) => shownText(c)),
    ...(hasTotals ? [shownText(table.rowTotals[i]!)] : []),
  ]);
  const totals = hasTotals
    ? [
        [
          t("reports.total"),
          ...table.columnTotals.map((c) => shownText(c)),
          shownText(table.total!),
        ],
      ]
    : [];
  return [header, ...rows, ...totals];
}
