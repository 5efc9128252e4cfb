import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLanguage } from "~/i18n/config";
import { TEXTS_VERSION, texts } from "~/i18n/i18n.server";
import { pickSections, textsAt } from "~/i18n/sections";

// Sections of a language's texts, for the browser when the next page's routes
// need sections the current page did not carry (app/i18n/react.tsx). Public,
// like the pages' own texts: the sign-in page needs them too. Cached for good
// under the version the document named; any other version is answered fresh.
export function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  const language = query.get("lng");
  if (!isLanguage(language)) return new Response("Unknown language", { status: 400 });
  const all = texts[language];
  const sections = query.get("sections")?.split(",") ?? null;
  if (
    sections &&
    (sections.length > 100 || sections.some((section) => textsAt(all, section) === undefined))
  )
    return new Response("Unknown section", { status: 400 });
  return new Response(JSON.stringify(pickSections(all, sections)), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control":
        query.get("v") === TEXTS_VERSION ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
