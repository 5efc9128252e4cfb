import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "LAWYER", "ORGANIZER");
  return null;
}

export default function MyWorkPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("pages.myCases.title")}>
      <EmptyState>{t("pages.myCases.empty")}</EmptyState>
    </Page>
  );
}
