// A translated page of its own, for a resource route that must answer a person
// instead of a file (a download whose document cannot be had now). Remix shows
// error boundaries only for routes with a page, so such a route answers this:
// the app's stylesheet, no script, the status it names, a link back.
import { randomBytes } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { getT, languageFor } from "~/i18n/i18n.server";
import styles from "~/styles/app.css";
import { applyDocumentHeaders } from "./security-headers.server";

export async function plainPage(
  request: Request,
  page: { status: number; title: string; body: string; back: { href: string; label: string } },
): Promise<Response> {
  const [t, lang] = await Promise.all([getT(request), languageFor(request)]);
  const html = renderToStaticMarkup(
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t(page.title)} · Adal`}</title>
        <link rel="stylesheet" href={styles} />
      </head>
      <body>
        <main className="page error-page" aria-labelledby="error-title">
          <p className="error-status">{page.status}</p>
          <h1 id="error-title">{t(page.title)}</h1>
          <p>{t(page.body)}</p>
          <p>
            <a href={page.back.href} className="button">
              {t(page.back.label)}
            </a>
          </p>
        </main>
      </body>
    </html>,
  );
  const headers = new Headers({ "Content-Type": "text/html; charset=utf-8" });
  applyDocumentHeaders(headers, request, randomBytes(16).toString("base64"));
  return new Response(`<!DOCTYPE html>${html}`, { status: page.status, headers });
}
