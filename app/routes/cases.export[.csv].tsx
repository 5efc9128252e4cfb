// The case list, as filtered, as a CSV download (recorded in the audit log).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getT } from "~/i18n/i18n.server";
import {
  requireRecentSecondFactor,
  requireRole,
  requireSameOriginDownload,
} from "~/modules/auth/guards.server";
import { parseCaseListFilters } from "~/modules/cases/case-list";
import { exportCases } from "~/modules/cases/case-list.server";
import { UTF8_BOM } from "~/utils/csv";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/schema-primitives";
import { loaderWith } from "~/utils/answer.server";

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  requireSameOriginDownload(request);
  const user = await requireRole(request, "ORGANIZER", "LAWYER", "COORDINATOR");
  // Step-up: back to the same list afterwards, where the export link is.
  await requireRecentSecondFactor(request, { returnTo: `/cases${new URL(request.url).search}` });
  const filters = parseCaseListFilters(new URL(request.url).searchParams);
  const t = await getT(request);
  const { csv } = await exportCases(user, filters, requestContext(request), (key) => t(key));
  return new Response(UTF8_BOM + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="adal-cases-${todayInKazakhstan()}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
