// The one error boundary every route tree uses: a translated page for 400,
// 403, 404 and anything else, never a stack trace in production.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

type Kind = "badRequest" | "forbidden" | "notFound" | "unavailable" | "server";

function kindOf(status: number): Kind {
  if (status === 403 || status === 401) return "forbidden";
  if (status === 404) return "notFound";
  if (status >= 400 && status < 500) return "badRequest";
  if (status === 503) return "unavailable"; // the database is out of reach (app/db/unavailable.server.ts)
  return "server";
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = kindOf(status);
  const detail =
    process.env.NODE_ENV === "development" && error instanceof Error
      ? (error.stack ?? error.message)
      : null;
  return (
    <section className="page error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      {detail ? <pre className="error-detail">{detail}</pre> : null}
      <p>
        <Link to="/" className="button">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
