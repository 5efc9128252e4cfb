import { checkDatabase } from "~/modules/health/health.server";

// Used by the container HEALTHCHECK and load balancers: is the database answering?
export async function loader() {
  const ok = await checkDatabase();
  return new Response(ok ? "ok" : "database unavailable", {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
