// The person's notifications, newest first; marking one or all as read.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { EmptyState, Page } from "~/components/page";
import { Pager } from "~/components/pager";
import { requireUser } from "~/modules/auth/guards.server";
import { listNotifications, markRead } from "~/modules/notifications/notifications.server";
import { formatDateTime } from "~/utils/format";
import { formAction, loaderWith } from "~/utils/answer.server";
import type { TranslatedHandle } from "~/i18n/sections";

export const meta: MetaFunction = () => [{ title: "Adal" }];

const PAGE_SIZE = 50;

export const loader = /* @__PURE__ */ loaderWith(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request);
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const { total, items } = await listNotifications(user, {
    take: PAGE_SIZE,
    skip: (page - 1) * PAGE_SIZE,
  });
  return json(
    { items, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) },
    { headers: { "Cache-Control": "no-store" } },
  );
});

export const action = /* @__PURE__ */ formAction(
  { maxBytes: 4_096, authorize: requireUser },
  async ({ form, auth: user }) => {
    const id = String(form.get("id") ?? "");
    if (id !== "all" && !/^[a-z0-9]{20,32}$/.test(id))
      throw new Response("Bad request", { status: 400 });
    await markRead(user.id, id);
    // Opening a notification's case: mark it read, then go there.
    const open = String(form.get("open") ?? "");
    if (/^KZ-\d{4}-\d{6}$/.test(open)) return redirect(`/cases/${open}`);
    return redirect("/notifications");
  },
);

export const handle: TranslatedHandle = {
  i18n: ["assignment", "caseList", "notifications", "retention", "caseFile.timeline.kinds"],
};

export default function NotificationsPage() {
  const { items, page, pages } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const unread = items.some((n) => !n.readAt);
  return (
    <Page
      title={t("notifications.title")}
      actions={
        unread ? (
          <Form method="post">
            <input type="hidden" name="id" value="all" />
            <button type="submit" className="button">
              {t("notifications.markAllRead")}
            </button>
          </Form>
        ) : null
      }
    >
      {items.length === 0 ? <EmptyState>{t("notifications.empty")}</EmptyState> : null}
      <ul className="notes notifications">
        {items.map((n) => {
          const reference = typeof n.details.reference === "string" ? n.details.reference : null;
          return (
            <li key={n.id} className={n.readAt ? "note" : "note note--unread"}>
              <p className="note__meta">
                {n.readAt ? null : <strong>{t("notifications.unread")} · </strong>}
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
              </p>
              <p>
                {n.kind === "SECURITY_ALERT" && typeof n.details.alert === "string"
                  ? t(`notifications.alerts.${n.details.alert}`, { ...n.details })
                  : t(`notifications.kinds.${n.kind}`, {
                      reference: reference ?? "",
                      role:
                        typeof n.details.role === "string"
                          ? t(`assignment.roles.${n.details.role}`)
                          : "",
                      time:
                        typeof n.details.dueAt === "string"
                          ? formatDateTime(n.details.dueAt, i18n.language)
                          : "",
                      change:
                        typeof n.details.change === "string"
                          ? t(`caseFile.timeline.kinds.${n.details.change}`)
                          : "",
                      what:
                        typeof n.details.categories === "string"
                          ? n.details.categories
                              .split(",")
                              .map((c) => t(`retention.categories.${c}`))
                              .join(", ")
                          : "",
                    })}
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={n.id} />
                {reference ? (
                  <button
                    type="submit"
                    name="open"
                    value={reference}
                    className="button button--quiet"
                  >
                    {t("notifications.open", { reference })}
                  </button>
                ) : null}
                {n.readAt ? null : (
                  <button type="submit" className="button button--quiet">
                    {t("notifications.markRead")}
                  </button>
                )}
              </Form>
            </li>
          );
        })}
      </ul>
      <Pager
        page={page}
        pages={pages}
        label={t("notifications.title")}
        hrefFor={(n) => `?page=${n}`}
      />
    </Page>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
