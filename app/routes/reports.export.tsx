// A report as CSV or JSON, with the page's filters (recorded in the audit log).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT, languageFor } from "~/i18n/i18n.server";
import {
  requireRecentSecondFactor,
  requireRole,
  requireSameOriginDownload,
} from "~/modules/auth/guards.server";
import { parseReportFilters } from "~/modules/reports/filters";
import { generateReport, reportCsv, reportJson } from "~/modules/reports/generate.server";
import { UTF8_BOM } from "~/utils/csv";
import { loaderWith } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/schema-primitives";

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  requireSameOriginDownload(request);
  const user = await requireRole(request, "COORDINATOR");
  const params = new URL(request.url).searchParams;
  // Step-up: back to the report with the same filters, where the export link is.
  await requireRecentSecondFactor(request, { returnTo: `/reports?${params}` });
  const format = params.get("format") === "json" ? "json" : "csv";
  const parsed = parseReportFilters(params);
  if (!parsed.ok) throw DomainError.invalid(parsed.errors);
  const report = await generateReport(user, parsed.filters, requestContext(request), format);
  const now = new Date();
  const name = `adal-report-${parsed.filters.from}-${parsed.filters.to}-${todayInKazakhstan(now)}`;
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (format === "json") {
    return new Response(JSON.stringify(reportJson(report, now), null, 2), {
      headers: {
        ...headers,
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.json"`,
      },
    });
  }
  const t = await getT(request);
  const csv = reportCsv(report, (key, options) => t(key, options), await languageFor(request), now);
  return new Response(UTF8_BOM + csv, {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
    },
  });
});
