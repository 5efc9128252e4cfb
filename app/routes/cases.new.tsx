import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ORGANIZER", "COORDINATOR");
  return null;
}

export default function NewIntakePage() {
  const { t } = useTranslation();
  return (
    <Page title={t("pages.newIntake.title")}>
      <EmptyState>{t("pages.newIntake.empty")}</EmptyState>
    </Page>
  );
}
