import type { LoaderFunctionArgs } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { EmptyState, Page } from "~/components/page";
import { requireRole } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ORGANIZER");
  return null;
}

export default function MyIntakesPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("pages.myIntakes.title")}>
      <EmptyState>{t("pages.myIntakes.empty")}</EmptyState>
    </Page>
  );
}
