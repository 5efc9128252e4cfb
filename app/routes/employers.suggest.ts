import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireRole } from "~/modules/auth/guards.server";
import { suggestEmployers } from "~/modules/employers/employers.server";

// Suggestions for the intake's and the case file's employer fields, as someone
// types a name or BIN: for the people who record cases, not for administrators.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "ORGANIZER", "LAWYER", "COORDINATOR");
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  return json(
    { employers: await suggestEmployers(user, query) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
