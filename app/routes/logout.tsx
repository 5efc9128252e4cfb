import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSession } from "~/modules/auth/guards.server";
import { logout } from "~/modules/auth/login.server";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { requestContext } from "~/utils/request.server";

// Signing out changes state, so it is POST only; a GET just goes home.
export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request);
  if (session) await logout(session, requestContext(request));
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
}
