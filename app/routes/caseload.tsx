import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "COORDINATOR");
  return null;
}

export default function CaseloadPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("pages.caseload.title")}>
      <EmptyState>{t("pages.caseload.empty")}</EmptyState>
    </Page>
  );
}
