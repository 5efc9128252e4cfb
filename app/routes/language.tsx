import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLanguage } from "~/i18n/config";
import { languageCookie } from "~/i18n/i18n.server";
import { getUser } from "~/modules/auth/guards.server";
import { setPreferredLanguage } from "~/modules/people/people.server";
import { readForm } from "~/utils/form-body.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, 4 * 1024);
  const lang = form.get("lang");
  if (!isLanguage(lang)) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(request);
  if (user) await setPreferredLanguage(user.id, lang);
  return redirect(safeRedirect(form.get("redirectTo")), {
    headers: { "Set-Cookie": await languageCookie.serialize(lang) },
  });
}
