import { redirect } from "@remix-run/node";
import { isLanguage } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18n.server";
import { getUser } from "~/modules/auth/guards.server";
import { setPreferredLanguage } from "~/modules/people/people.server";
import { formAction } from "~/utils/answer.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const loader = () => redirect("/");

// Anyone may choose a language (the sign-in page has the switch too).
export const action = /* @__PURE__ */ formAction({ maxBytes: 4_096 }, async ({ request, form }) => {
  const lang = form.get("lang");
  if (!isLanguage(lang)) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(request);
  if (user) await setPreferredLanguage(user.id, lang);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await languageCookie.serialize(lang) },
  });
});
