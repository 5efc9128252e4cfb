// The case list: a coordinator filters and searches; the URL carries the
// filters (so the list can be shared), a reload keeps them, and the results match.
import { randomBytes } from "node:crypto";
import { expect, signInContext, test, texts, waitForHydration } from "./fixtures";
import { BASE_URL } from "./support/env";
import { recordCase } from "./support/cases";

const en = texts.en;

// In Almaty: the fixtures' coordinators cover Almaty.
test("a coordinator's filter and search go into the URL, survive a reload, and find the right cases", async ({
  page,
  app,
  createUser,
  loginAs,
}) => {
  // A word no other case holds, so the search finds only this test's cases.
  const token = randomBytes(4).toString("hex");
  const organizer = await createUser("ORGANIZER");
  const wages = await recordCase(
    app,
    organizer,
    { place: `Өскемен, цех ${token}` },
    "UNPAID_WAGES",
  );
  const forcedLabor = await recordCase(
    app,
    organizer,
    { place: `Өскемен, склад ${token}` },
    "FORCED_LABOR",
  );
  await loginAs("COORDINATOR");

  await page.goto("/cases");
  const search = page.getByRole("searchbox", { name: en.caseList.search });
  await waitForHydration(search);

  // Capital Kazakh letters and upper-case Latin find text stored in lower case.
  await search.fill(`ӨСКЕМЕН ${token.toUpperCase()}`);
  await expect(page).toHaveURL(/[?&]q=/);
  const results = page.getByRole("table");
  await expect(results.getByRole("link", { name: wages })).toBeVisible();
  await expect(results.getByRole("link", { name: forcedLabor })).toBeVisible();

  await page.getByLabel(en.caseList.columns.category).selectOption("UNPAID_WAGES");
  await expect(page).toHaveURL(/[?&]category=UNPAID_WAGES/);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(results.getByRole("link", { name: forcedLabor })).toBeHidden();
  await expect(results.getByRole("link", { name: wages })).toBeVisible();
  await expect(page.getByText(en.caseList.found.replace("{{number}}", "1"))).toBeVisible();

  const shared = page.url();
  expect(new URL(shared).searchParams.get("q")).toBe(`ӨСКЕМЕН ${token.toUpperCase()}`);

  await page.reload();
  await waitForHydration(page.getByRole("searchbox", { name: en.caseList.search }));
  await expect(page).toHaveURL(shared);
  await expect(page.getByRole("searchbox", { name: en.caseList.search })).toHaveValue(
    `ӨСКЕМЕН ${token.toUpperCase()}`,
  );
  await expect(page.getByLabel(en.caseList.columns.category)).toHaveValue("UNPAID_WAGES");
  await expect(page.getByRole("table").getByRole("link", { name: wages })).toBeVisible();
  await expect(page.getByRole("table").getByRole("link", { name: forcedLabor })).toBeHidden();

  // Choosing "Any" category again widens the list, and the URL says so.
  await page.getByLabel(en.caseList.columns.category).selectOption("");
  await expect(page).not.toHaveURL(/category=/);
  await expect(page.getByRole("table").getByRole("link", { name: forcedLabor })).toBeVisible();
});

test("the filtered list downloads as CSV with a byte order mark, and administrators get no list", async ({
  page,
  app,
  createUser,
  loginAs,
  browser,
}) => {
  const token = randomBytes(4).toString("hex");
  const organizer = await createUser("ORGANIZER");
  const reference = await recordCase(
    app,
    organizer,
    { place: `Алматы, цех ${token}` },
    "UNPAID_WAGES",
  );
  await loginAs("COORDINATOR");

  await page.goto(`/cases?q=${token}`);
  await expect(page.getByRole("table").getByRole("link", { name: reference })).toBeVisible();
  // The link is a plain download of the same filters; fetched with the page's
  // session, so the check does not depend on when the browser starts a download.
  const link = page.getByRole("link", { name: en.caseList.download });
  await expect(link).toHaveAttribute("download", "");
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = body.subarray(3).toString("utf8").split("\r\n");
  // Every column but "identities" (an export with identities only; decision 0034).
  const { identities: _identities, ...columns } = en.caseList.columns;
  expect(lines[0]).toBe(Object.values(columns).join(","));
  expect(lines[1]).toMatch(new RegExp(`^${reference},`));
  expect(lines).toHaveLength(3);

  const adminContext = await browser.newContext({ locale: "en-US" });
  try {
    const admin = await createUser("ADMIN");
    await signInContext(adminContext, app, admin.id);
    const adminPage = await adminContext.newPage();
    expect((await adminPage.goto(`${BASE_URL}/cases`))?.status()).toBe(403);
    expect((await adminPage.request.get(`${BASE_URL}/cases/export.csv`)).status()).toBe(403);
  } finally {
    await adminContext.close();
  }
});
