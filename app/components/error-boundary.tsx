// The one error boundary every route tree uses: a translated page for 400,
// 403, 404, 413, 423 (the server is sealed), 503 (busy or an outage) and anything else,
// never a stack trace in production.
import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isBusyAnswer } from "~/utils/busy";

type Kind =
  | "badRequest"
  | "tooLarge"
  | "forbidden"
  | "notFound"
  | "sealed"
  | "busy"
  | "unavailable"
  | "server";

export function kindOf(status: number, data?: unknown): Kind {
  if (status === 403 || status === 401) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 423) return "sealed"; // needs the case keys (DomainError "sealed")
  if (status === 413) return "tooLarge";
  if (status >= 400 && status < 500) return "badRequest";
  // Too many uploads, exports or reports at once (app/utils/route-limits.server.ts).
  if (status === 503 && isBusyAnswer(data)) return "busy";
  if (status === 503) return "unavailable"; // the database is out of reach (app/db/unavailable.server.ts)
  return "server";
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = kindOf(status, isRouteErrorResponse(error) ? error.data : undefined);
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
