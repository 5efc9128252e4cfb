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
import { exportIdentitiesSchema, revealSchema } from "~/modules/cases/reveal.schema";
import { DomainError } from "~/utils/domain-error";
import { UTF8_BOM } from "~/utils/csv";
import { requestContext } from "~/utils/request.server";
import { todayInKazakhstan } from "~/utils/time";
import { loaderWith } from "~/utils/answer.server";

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  requireSameOriginDownload(request);
  const user = await requireRole(request, "ORGANIZER", "LAWYER", "COORDINATOR");
  // Step-up: back to the same list afterwards, where the export link is.
  await requireRecentSecondFactor(request, { returnTo: `/cases${new URL(request.url).search}` });
  const params = new URL(request.url).searchParams;
  const filters = parseCaseListFilters(params);
  // Pseudonyms only, unless the exporter chose "with identities" and said why (docs/decisions/0034).
  const { identities } = exportIdentitiesSchema.parse({
    identities: params.get("identities") ?? "",
  });
  let withIdentities = null;
  if (identities) {
    const reason = revealSchema.safeParse(Object.fromEntries(params));
    if (!reason.success) throw DomainError.invalidField("reason", "caseFile.reveal.reasonRequired");
    withIdentities = reason.data;
  }
  const t = await getT(request);
  const { csv } = await exportCases(
    user,
    filters,
    requestContext(request),
    (key) => t(key),
    withIdentities,
  );
  return new Response(UTF8_BOM + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="adal-cases-${todayInKazakhstan()}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
