// The administrators' case register: every case's metadata and none of its
// content, for administrators only, each look on the record.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { makeCase, makePerson, type Person } from "../../../tests/fixtures/assignment";
import { listCaseRegister, parseRegisterFilters } from "./case-register.server";

let admin: Person;
let organizer: Person;

beforeAll(async () => {
  admin = await makePerson("register.admin@example.org", "ADMIN", []);
  organizer = await makePerson("register.organizer@example.org", "ORGANIZER");
  await makeCase(organizer.id, { region: "ATYRAU", category: "UNPAID_WAGES" });
  await makeCase(organizer.id, { region: "ALMATY", category: "FORCED_LABOR" });
});

describe("the case register", () => {
  it("shows administrators every case's metadata, filtered, and nothing of its content", async () => {
    const all = await listCaseRegister(admin, parseRegisterFilters(new URLSearchParams()));
    expect(all.total).toBe(2);
    const atyrau = await listCaseRegister(
      admin,
      parseRegisterFilters(new URLSearchParams("region=ATYRAU")),
    );
    expect(atyrau.cases.map((c) => [c.region, c.category])).toEqual([["ATYRAU", "UNPAID_WAGES"]]);
    const text = JSON.stringify(all);
    for (const content of ["Tengiz", "wages for three months", "account", "place", "employer"])
      expect(text).not.toContain(content);
  });

  it("is for administrators only", async () => {
    await expect(
      listCaseRegister(organizer, parseRegisterFilters(new URLSearchParams())),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("drops filter values it does not know, and records each look with its filters", async () => {
    expect(
      parseRegisterFilters(new URLSearchParams("status=GONE&region=ATYRAU&category=x&page=-2")),
    ).toEqual({ status: undefined, region: "ATYRAU", category: undefined, page: 1 });
    await listCaseRegister(admin, parseRegisterFilters(new URLSearchParams("status=NEW")));
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "cases.register_viewed", actorId: admin.id },
      orderBy: { seq: "desc" },
    });
    expect(JSON.parse(entry.details)).toMatchObject({ filters: { status: "NEW" }, page: 1 });
  });
});
