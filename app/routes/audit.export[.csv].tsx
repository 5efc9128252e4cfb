// The filtered audit log as CSV, for administrators; the export is recorded.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseAuditFilters } from "~/modules/audit/audit-filters";
import { exportAuditLog } from "~/modules/audit/audit-log.server";
import {
  requireRecentSecondFactor,
  requireRole,
  requireSameOriginDownload,
} from "~/modules/auth/guards.server";
import { requestContext } from "~/utils/request.server";
import { loaderWith } from "~/utils/answer.server";

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  requireSameOriginDownload(request);
  const admin = await requireRole(request, "ADMIN");
  await requireRecentSecondFactor(request, { returnTo: "/audit" });
  const filters = parseAuditFilters(new URL(request.url).searchParams);
  const { csv } = await exportAuditLog(admin, filters, requestContext(request));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="adal-audit-${day}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
