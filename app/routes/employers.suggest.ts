import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { suggestEmployers } from "~/modules/employers/employers.server";

// Suggestions for the intake's employer field, as the organizer types a name or BIN.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = (new URL(request.url).searchParams.get("q") ?? "").slice(0, 200);
  return json(
    { employers: await suggestEmployers(query) },
    { headers: { "Cache-Control": "no-store" } },
  );
}
