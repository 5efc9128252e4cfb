import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "COORDINATOR");
  return null;
}

export default function TriagePage() {
  const { t } = useTranslation();
  return (
    <Page title={t("pages.triage.title")}>
      <EmptyState>{t("pages.triage.empty")}</EmptyState>
    </Page>
  );
}
