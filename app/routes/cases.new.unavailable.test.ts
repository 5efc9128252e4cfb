// The intake when the database cannot save (a full disk): a 503 with the
// message and every typed value back, nothing half-written, and the same
// intake saved as soon as there is room again.
import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { SESSION_COOKIE_NAME, createSession } from "~/modules/auth/session.server";
import { createUser } from "~/modules/people/people.server";
import { flattenEntries } from "~/utils/nested";
import { minimalIntake } from "../../tests/fixtures/intake";
import { action } from "./cases.new";

let cookie: string;

beforeAll(async () => {
  const organizer = await createUser(
    {
      email: "full-disk@example.org",
      displayName: "Full Disk",
      role: "ORGANIZER",
      regions: ["ATYRAU"],
    },
    { actorId: null },
  );
  cookie = `${SESSION_COOKIE_NAME}=${await createSession(organizer.id)}`;
});

const post = (values: Record<string, unknown>) => {
  const body = new URLSearchParams(flattenEntries(values) as Array<[string, string]>);
  return new Request("http://localhost/cases/new", {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
};

async function answer(request: Request): Promise<Response> {
  try {
    return (await action({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe.skipIf(database.provider !== "sqlite")("an intake on a full disk", () => {
  it("answers 503 with the message and the typed values, saves nothing, and saves once there is room", async () => {
    const account = `Wages unpaid since September. ${"Detail. ".repeat(2000)}`;
    const intake = minimalIntake("UNPAID_WAGES", { account, place: "Tengiz field camp, block 7" });
    const casesBefore = await prisma.case.count();
    const pages = await prisma.$queryRawUnsafe<Array<{ page_count: bigint }>>("PRAGMA page_count");
    // The connection may not grow the file: SQLite answers SQLITE_FULL, as on a full disk.
    await prisma.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(pages[0]!.page_count)}`);
    let response: Response;
    try {
      response = await answer(post(intake));
    } finally {
      await prisma.$executeRawUnsafe("PRAGMA max_page_count = 1073741823");
    }
    expect(response.status).toBe(503);
    const data = (await response.json()) as {
      values: Record<string, unknown>;
      unavailable?: boolean;
    };
    expect(data.unavailable).toBe(true);
    expect(data.values.account).toBe(account);
    expect(data.values.place).toBe("Tengiz field camp, block 7");
    expect(await prisma.case.count()).toBe(casesBefore);

    const again = await answer(post(intake));
    expect(again.status).toBe(302);
    expect(await prisma.case.count()).toBe(casesBefore + 1);
  });
});
