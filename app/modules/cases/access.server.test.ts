// The access rule (issue 6), stated case by case: who reaches which case, as a
// single record (`requireCaseAccess`, 404 otherwise) and as a list or count
// (`caseScope`), and that the two always agree.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { Region } from "~/generated/prisma/sqlite/enums";
import { assignToCase, unassignFromCase } from "~/modules/assignment/assignment.server";
import { REGIONS } from "~/modules/regions/regions";
import { makeCase, makePerson, versionOf, type Person } from "../../../tests/fixtures/assignment";
import { caseScope, requireCaseAccess } from "./access.server";
import { STATUS } from "~/utils/answer.server";
import { DomainError } from "~/utils/domain-error";
import type { Caller } from "~/modules/auth/caller";

type CaseName = "atyrauTaken" | "mangystauOther" | "atyrauOther";
const cases = {} as Record<CaseName, { id: string; reference: string }>;
const callers = {} as Record<string, Caller>;

/** What each caller must reach: every other case answers 404. */
const REACHES: Record<string, CaseName[]> = {
  "an organizer, on the case they took": ["atyrauTaken"],
  "an organizer assigned to a case another organizer took": ["atyrauTaken"],
  "an organizer of other cases": ["mangystauOther", "atyrauOther"],
  "the lead lawyer": ["atyrauTaken"],
  "a supporting lawyer": ["atyrauTaken"],
  "a lawyer on no case": [],
  "a lawyer taken off the case they were on": [],
  "a coordinator of the case's region": ["atyrauTaken", "atyrauOther"],
  "a coordinator of another region": ["mangystauOther"],
  "a national coordinator": ["atyrauTaken", "mangystauOther", "atyrauOther"],
  "a coordinator whose caller object carries no regions": [],
  "a coordinator who covers no region": [],
  "an administrator": [],
};

// Without regions on purpose for one coordinator: the rule must fail closed.
const asCaller = (person: Person, regions?: Region[]): Caller =>
  ({ id: person.id, role: person.role, ...(regions ? { regions } : {}) }) as Caller;

beforeAll(async () => {
  const organizer = await makePerson("dana@example.org", "ORGANIZER");
  const fieldOrganizer = await makePerson("erlan@example.org", "ORGANIZER");
  const otherOrganizer = await makePerson("aizhan@example.org", "ORGANIZER");
  const lead = await makePerson("arman@example.org", "LAWYER");
  const supporting = await makePerson("gulnar@example.org", "LAWYER");
  const idle = await makePerson("bota@example.org", "LAWYER");
  const former = await makePerson("gani@example.org", "LAWYER");
  const national = await makePerson("saule@example.org", "COORDINATOR", [...REGIONS]);
  const atyrau = await makePerson("marat@example.org", "COORDINATOR", ["ATYRAU"]);
  const mangystau = await makePerson("aliya@example.org", "COORDINATOR", ["MANGYSTAU"]);
  const admin = await makePerson("ruslan@example.org", "ADMIN", []);

  cases.atyrauTaken = await makeCase(organizer.id, { region: "ATYRAU" });
  cases.mangystauOther = await makeCase(otherOrganizer.id, { region: "MANGYSTAU" });
  cases.atyrauOther = await makeCase(otherOrganizer.id, { region: "ATYRAU" });

  // Assignments through the assignment module, as a coordinator makes them.
  const assign = async (
    reference: string,
    person: Person,
    role: "LEAD_LAWYER" | "SUPPORTING_LAWYER" | "FIELD_ORGANIZER",
  ) =>
    assignToCase(national, reference, {
      userId: person.id,
      role,
      version: await versionOf(reference),
    });
  await assign(cases.atyrauTaken.reference, lead, "LEAD_LAWYER");
  await assign(cases.atyrauTaken.reference, supporting, "SUPPORTING_LAWYER");
  await assign(cases.atyrauTaken.reference, fieldOrganizer, "FIELD_ORGANIZER");
  await assign(cases.atyrauOther.reference, former, "LEAD_LAWYER");
  await unassignFromCase(national, cases.atyrauOther.reference, {
    userId: former.id,
    reason: "moved to another office",
    version: await versionOf(cases.atyrauOther.reference),
  });

  Object.assign(callers, {
    "an organizer, on the case they took": organizer,
    "an organizer assigned to a case another organizer took": fieldOrganizer,
    "an organizer of other cases": otherOrganizer,
    "the lead lawyer": lead,
    "a supporting lawyer": supporting,
    "a lawyer on no case": idle,
    "a lawyer taken off the case they were on": former,
    "a coordinator of the case's region": atyrau,
    "a coordinator of another region": mangystau,
    "a national coordinator": national,
    "a coordinator whose caller object carries no regions": asCaller(national),
    "a coordinator who covers no region": asCaller(national, []),
    "an administrator": admin,
  } satisfies Record<keyof typeof REACHES, Caller>);
});

/** The case names the single-record check lets through, and its status for the others. */
async function singleRecordAnswers(caller: Caller) {
  const answers: Partial<Record<CaseName, number>> = {};
  for (const [name, { id, reference }] of Object.entries(cases) as [
    CaseName,
    { id: string; reference: string },
  ][]) {
    try {
      expect(await requireCaseAccess(caller, reference)).toEqual({ id, reference });
      answers[name] = 200;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      answers[name] = STATUS[error.kind];
    }
  }
  return answers;
}

describe("a single case", () => {
  for (const [who, reaches] of Object.entries(REACHES)) {
    it(`is open to ${who} exactly where the rule says, and 404 everywhere else`, async () => {
      const answers = await singleRecordAnswers(callers[who]!);
      const expected = Object.fromEntries(
        (Object.keys(cases) as CaseName[]).map((name) => [
          name,
          reaches.includes(name) ? 200 : 404,
        ]),
      );
      expect(answers).toEqual(expected);
    });
  }

  it("answers an unknown reference 404, the same as a case out of scope", async () => {
    const national = callers["a national coordinator"]!;
    const error = await requireCaseAccess(national, "KZ-2026-999999").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(STATUS[(error as DomainError).kind]).toBe(404);
  });
});

describe("lists and counts", () => {
  for (const [who, reaches] of Object.entries(REACHES)) {
    it(`hold for ${who} exactly the cases the single-record check allows`, async () => {
      const caller = callers[who]!;
      const listed = await prisma.case.findMany({
        where: caseScope(caller),
        select: { id: true },
      });
      const counted = await prisma.case.count({ where: caseScope(caller) });
      const expectedIds = reaches.map((name) => cases[name].id).sort();
      expect(listed.map((c) => c.id).sort()).toEqual(expectedIds);
      expect(counted).toBe(expectedIds.length);

      // Every case in the database, not only those made here: a list never
      // holds a case the single check refuses, nor misses one it allows.
      const all = await prisma.case.findMany({ select: { id: true, reference: true } });
      const listedIds = new Set(listed.map((c) => c.id));
      for (const { id, reference } of all) {
        const allowed = await requireCaseAccess(caller, reference).then(
          () => true,
          (error: unknown) => {
            if (error instanceof DomainError && STATUS[error.kind] === 404) return false;
            throw error;
          },
        );
        expect(listedIds.has(id), `${who} on ${reference}`).toBe(allowed);
      }
    });
  }
});
