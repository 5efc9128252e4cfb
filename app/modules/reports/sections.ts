// A report as it leaves the system: its tables in order, each with small
// counts suppressed, and the labels' translation keys. Shared by the page,
// the CSV and the JSON so the three always show the same numbers.
// Types only from the server module: safe in the browser bundle.
import type { FoaEntry, FoaListing, MoneyOutcome, PeopleOutcome, Report } from "./reports.server";
import type { ReportFilters } from "./filters";
import {
  shownText,
  showCount,
  suppressTables,
  type CountTable,
  type Margins,
  type ShownCount,
  type ShownTable,
} from "./suppress";

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
  freedomOfAssociation: {
    total: number;
    entries: FoaEntry[];
    complete: boolean;
    listing: FoaListing;
  };
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

/** The same total under one key in every table that prints it: hidden in one, hidden in all. */
const by =
  (measure: string, kind: string) =>
  (key: string): string =>
    `${measure}.${kind}:${key}`;

export function showReport(report: Report): ShownReport {
  const specs: {
    id: string;
    title: string;
    rowKind: LabelKind;
    columnKind: LabelKind;
    table: CountTable;
    margins?: Margins;
    chart?: ReportSection["chart"];
  }[] = [
    {
      id: "cases-by-month",
      title: "reports.tables.casesByMonth",
      rowKind: "category",
      columnKind: "month",
      table: report.casesByCategoryMonth,
      margins: { row: by("cases", "category"), column: by("cases", "month"), total: "cases" },
      chart: "columns",
    },
    {
      id: "workers-by-month",
      title: "reports.tables.workersByMonth",
      rowKind: "category",
      columnKind: "month",
      table: report.workersByCategoryMonth,
      margins: {
        row: by("workers", "category"),
        column: by("workers", "month"),
        total: "workers",
      },
    },
    {
      id: "cases-by-region",
      title: "reports.tables.casesByRegion",
      rowKind: "region",
      columnKind: "category",
      table: report.casesByRegionCategory,
      margins: { row: by("cases", "region"), column: by("cases", "category"), total: "cases" },
      chart: "bars",
    },
    {
      id: "workers-by-region",
      title: "reports.tables.workersByRegion",
      rowKind: "region",
      columnKind: "measure",
      table: report.workersByRegion,
      margins: { row: by("workers", "region"), column: by("workers", "kind"), total: "workers" },
    },
    {
      id: "cases-by-sector",
      title: "reports.tables.casesBySector",
      rowKind: "sector",
      columnKind: "category",
      table: report.casesBySectorCategory,
      margins: { row: by("cases", "sector"), column: by("cases", "category"), total: "cases" },
      chart: "bars",
    },
    {
      id: "workers-by-sector",
      title: "reports.tables.workersBySector",
      rowKind: "sector",
      columnKind: "measure",
      table: report.workersBySector,
      margins: { row: by("workers", "sector"), column: by("workers", "kind"), total: "workers" },
    },
    {
      id: "forced-labour",
      title: "reports.tables.forcedLabour",
      rowKind: "measure",
      columnKind: "verdict",
      table: report.forcedLabour.verdicts,
      // Its one row is every forced-labour case: the category's total elsewhere.
      margins: {
        row: () => "cases.category:FORCED_LABOR",
        total: "cases.category:FORCED_LABOR",
      },
    },
    {
      id: "forced-labour-indicators",
      title: "reports.tables.indicators",
      rowKind: "indicator",
      columnKind: "measure",
      table: report.forcedLabour.indicators,
      chart: "bars",
    },
    {
      id: "unsafe-by-sector",
      title: "reports.tables.unsafeBySector",
      rowKind: "sector",
      columnKind: "harm",
      table: report.unsafeWork.bySector,
      margins: { row: by("unsafe", "sector"), column: by("unsafe", "harm"), total: "unsafe" },
    },
    {
      id: "unsafe-by-region",
      title: "reports.tables.unsafeByRegion",
      rowKind: "region",
      columnKind: "harm",
      table: report.unsafeWork.byRegion,
      margins: { row: by("unsafe", "region"), column: by("unsafe", "harm"), total: "unsafe" },
    },
    {
      id: "unsafe-reported",
      title: "reports.tables.unsafeReported",
      rowKind: "harm",
      columnKind: "triState",
      table: report.unsafeWork.reportedToInspectorate,
      margins: { row: by("unsafe", "harm"), column: by("unsafe", "reported"), total: "unsafe" },
    },
    {
      id: "unsafe-people",
      title: "reports.tables.unsafePeople",
      rowKind: "harm",
      columnKind: "measure",
      table: report.unsafeWork.peopleHarmed,
      margins: { row: by("people", "harm"), column: () => "people", total: "people" },
    },
    {
      id: "verification",
      title: "reports.tables.verification",
      rowKind: "measure",
      columnKind: "level",
      table: report.verification,
      margins: { row: () => "cases", column: by("cases", "level"), total: "cases" },
    },
  ];
  const tables = suppressTables(specs.map(({ table, margins }) => ({ table, margins })));
  const sections: ReportSection[] = specs.map((spec, i) => ({
    id: spec.id,
    title: spec.title,
    rowKind: spec.rowKind,
    columnKind: spec.columnKind,
    table: tables[i]!,
    chart: spec.chart ?? null,
  }));
  const verdicts = sections.find((s) => s.id === "forced-labour")!.table;
  return {
    filters: report.filters,
    regions: report.regions,
    sections,
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
      listing: report.freedomOfAssociation.listing,
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
