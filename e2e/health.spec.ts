// The health check that the container HEALTHCHECK and load balancers call.
import { expect, test } from "./fixtures";

test("answers the health check with 200 ok while the database is reachable", async ({
  request,
}) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe("ok");
  expect(response.headers()["cache-control"]).toBe("no-store");
});
