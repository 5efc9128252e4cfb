// An employer's evidence pack leaves the system: its cases by category and
// year as one table with totals, small counts suppressed so that no "<5" can
// be worked out from the total (docs/decisions/0035). Pure: no server imports.
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";
import { CATEGORIES } from "~/modules/intake/categories";
import { suppressTable, type CountTable, type ShownTable } from "~/modules/reports/suppress";

export function evidenceTable(
  casesByCategory: readonly { category: CaseCategory; year: number; cases: number }[],
): ShownTable {
  const categories = CATEGORIES.filter((c) => casesByCategory.some((r) => r.category === c));
  const years = [...new Set(casesByCategory.map((r) => r.year))].sort((a, b) => a - b);
  const table: CountTable = {
    rows: [...categories],
    columns: years.map(String),
    cells: categories.map((category) =>
      years.map(
        (year) =>
          casesByCategory.find((r) => r.category === category && r.year === year)?.cases ?? 0,
      ),
    ),
  };
  return suppressTable(table);
}
