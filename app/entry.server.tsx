import { randomBytes } from "node:crypto";
import type {
  ActionFunctionArgs,
  EntryContext,
  HandleDocumentRequestFunction,
  LoaderFunctionArgs,
} from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { documentTexts, languageFromHeaders } from "~/i18n/i18n.server";
import { isLanguage, type Language } from "~/i18n/config";
import { TranslationProvider, serverTranslations } from "~/i18n/react";
import { sectionsFor } from "~/i18n/sections";
import { isTrustedOrigin } from "~/modules/auth/origin.server";
import { logError } from "~/utils/log.server";
import { NonceProvider } from "~/utils/nonce-provider";
import { renderDocument } from "~/utils/render-document.server";
import { applyCommonHeaders, applyDocumentHeaders } from "~/utils/security-headers.server";

const ABORT_DELAY = 5_000;

/** Used by server/index.js before Remix sees a request (CSRF origin check). */
export { isTrustedOrigin };
/**
 * Used by server/index.js: the headers on every response, outages as 503 around every loader and
 * action, and the heavy routes a few at a time.
 */
export { commonHeaders } from "~/utils/security-headers.server";
export { answerDatabaseOutages } from "~/db/unavailable.server";
export { limitHeavyRoutes } from "~/utils/route-limits.server";
/** Started once by server/index.js when it listens. */
export { startBackgroundJobs } from "~/jobs.server";
/** Used by server/index.js: signed-in requests wait until the keyring has read its state. */
export { keyringStarted } from "~/modules/keys/start.server";
export { SESSION_COOKIE_NAME } from "~/modules/auth/session.server";
/**
 * Used by server/index.js when a response has gone out: the session lookup its loaders shared is
 * dropped. There, not in handleRequest or handleDataRequest, which Remix does not call for a
 * loader's redirect or a resource route (a download, an export).
 */
export { forgetRequest } from "~/modules/auth/guards.server";

const handleRequest: HandleDocumentRequestFunction = async (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) => {
  const nonce = randomBytes(16).toString("base64");
  // The texts of the sections this page's routes list: the same the browser is given.
  const matches = remixContext.staticHandlerContext.matches.map(({ route }) => ({
    id: route.id,
    handle: remixContext.routeModules[route.id]?.handle,
  }));
  const missing = new Set<string>();
  const translations = serverTranslations(
    documentTexts(await documentLanguage(request, remixContext), sectionsFor(matches)),
    (key) => {
      // A route that lists too few sections shows a key instead of a text: say which.
      if (missing.has(key)) return;
      missing.add(key);
      logError(`no text for "${key}" in this page's sections`, request);
    },
  );

  const isCrawler = isbot(request.headers.get("user-agent") ?? "");

  let shellRendered = false;
  const body = await renderDocument(
    <NonceProvider value={nonce}>
      <TranslationProvider value={translations}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={nonce}
        />
      </TranslationProvider>
    </NonceProvider>,
    {
      streaming: hasDeferredData(remixContext),
      nonce,
      waitForAll: isCrawler,
      abortDelay: ABORT_DELAY,
      onError(error) {
        responseStatusCode = 500;
        if (shellRendered) logError(error, request);
      },
    },
  );
  shellRendered = true;
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  applyDocumentHeaders(responseHeaders, request, nonce);
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
};

export default handleRequest;

/** A loader of this page deferred some of its data (`defer`): the page streams. */
function hasDeferredData(remixContext: EntryContext): boolean {
  const deferreds = remixContext.staticHandlerContext.activeDeferreds;
  return deferreds !== null && Object.keys(deferreds).length > 0;
}

/**
 * The page's language as the root loader found it (the person's own, from their session), so the
 * document needs no second lookup; when the root loader could not answer (a database outage, an
 * error page), the cookie or Accept-Language: an error page must render without the database.
 */
function documentLanguage(request: Request, remixContext: EntryContext): Promise<Language> {
  const root: unknown = remixContext.staticHandlerContext.loaderData?.root;
  const lang = root && typeof root === "object" ? (root as { lang?: unknown }).lang : undefined;
  return isLanguage(lang) ? Promise.resolve(lang) : languageFromHeaders(request);
}

export function handleDataRequest(
  response: Response,
  { request }: LoaderFunctionArgs | ActionFunctionArgs,
) {
  applyCommonHeaders(response.headers, request);
  return response;
}

export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Aborted requests (the user navigated away) and answers such as 404 or 403
  // that a route throws on purpose are not errors.
  if (request.signal.aborted || error instanceof Response || isRouteErrorResponse(error)) return;
  logError(error, request);
}
