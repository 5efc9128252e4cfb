import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homePathFor, requireUser } from "~/modules/auth/guards.server";

// Everyone has a home of their own: the work their role does first.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  throw redirect(homePathFor(user.role));
}
