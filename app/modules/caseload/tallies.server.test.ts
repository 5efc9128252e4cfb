// The counts the database keeps by trigger (migration caseload_tallies):
// AssignmentTally and Case.lawyerCount must equal what the rows say after
// every kind of change, whoever makes it: the assignment module, the status
// workflow, a fact edit, or a plain write (the triggers do not care who writes).
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import {
  assignToCase,
  bulkReassign,
  reassignCase,
  unassignFromCase,
} from "~/modules/assignment/assignment.server";
import { changeStatus } from "~/modules/cases/workflow.server";
import {
  makeCase,
  makePerson,
  putOnCase,
  versionOf,
  type Person,
} from "../../../tests/fixtures/assignment";

let organizer: Person;
let coordinator: Person;
let lawyers: Person[];

beforeAll(async () => {
  organizer = await makePerson("dana@example.org", "ORGANIZER");
  coordinator = await makePerson("saule@example.org", "COORDINATOR", ["ATYRAU", "MANGYSTAU"]);
  lawyers = await Promise.all(
    ["arman", "gulnar", "timur"].map((name) => makePerson(`${name}@example.org`, "LAWYER")),
  );
});

/** The tallies as the rows say they should be, keyed like the table, without zeros. */
async function expectedTallies() {
  const rows = await prisma.caseAssignment.findMany({
    select: {
      userId: true,
      case: { select: { status: true, category: true, region: true, urgency: true } },
    },
  });
  const counts = new Map<string, number>();
  for (const { userId, case: c } of rows) {
    const key = [userId, c.status, c.category, c.region, c.urgency].join("|");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort());
}

async function keptTallies() {
  const rows = await prisma.assignmentTally.findMany({ where: { count: { not: 0 } } });
  return Object.fromEntries(
    rows
      .map(
        (t) => [[t.userId, t.status, t.category, t.region, t.urgency].join("|"), t.count] as const,
      )
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

async function lawyerCounts() {
  const cases = await prisma.case.findMany({
    select: {
      reference: true,
      lawyerCount: true,
      assignments: { select: { role: true } },
    },
  });
  return cases.map((c) => ({
    reference: c.reference,
    kept: c.lawyerCount,
    counted: c.assignments.filter((a) => a.role === "LEAD_LAWYER" || a.role === "SUPPORTING_LAWYER")
      .length,
  }));
}

async function expectTalliesExact() {
  expect(await keptTallies()).toEqual(await expectedTallies());
  for (const c of await lawyerCounts()) expect(c.kept, c.reference).toBe(c.counted);
  // A count never goes below zero: a decrement always follows its increment.
  expect(await prisma.assignmentTally.count({ where: { count: { lt: 0 } } })).toBe(0);
}

const assign = async (
  reference: string,
  person: Person,
  role: "LEAD_LAWYER" | "SUPPORTING_LAWYER" | "FIELD_ORGANIZER",
) =>
  assignToCase(coordinator, reference, {
    userId: person.id,
    role,
    version: await versionOf(reference),
  });

describe("AssignmentTally and Case.lawyerCount", () => {
  it("follow assignments made, changed and removed through the assignment module", async () => {
    const [a, b, c] = lawyers as [Person, Person, Person];
    const first = await makeCase(organizer.id, { urgency: "URGENT" });
    const second = await makeCase(organizer.id, { category: "FORCED_LABOR", region: "MANGYSTAU" });
    await assign(first.reference, a, "LEAD_LAWYER");
    await assign(second.reference, a, "LEAD_LAWYER");
    await assign(first.reference, organizer, "FIELD_ORGANIZER");
    await expectTalliesExact();

    // A new lead makes the previous lead a supporting lawyer: a change of role.
    await assign(first.reference, b, "LEAD_LAWYER");
    await expectTalliesExact();
    expect((await lawyerCounts()).find((x) => x.reference === first.reference)?.kept).toBe(2);

    await reassignCase(coordinator, second.reference, {
      fromUserId: a.id,
      toUserId: c.id,
      reason: "Caseload",
      version: await versionOf(second.reference),
    });
    await unassignFromCase(coordinator, first.reference, {
      userId: b.id,
      reason: "Conflict of interest",
      version: await versionOf(first.reference),
    });
    await expectTalliesExact();

    await bulkReassign(coordinator, {
      fromUserId: a.id,
      references: [first.reference],
      toUserIds: [b.id, c.id],
      reason: "Detained",
    });
    await expectTalliesExact();
  });

  it("follow a case's status, category, region and urgency as they change", async () => {
    const [a, b] = lawyers as [Person, Person];
    const found = await makeCase(organizer.id, { region: "ATYRAU" });
    await assign(found.reference, a, "LEAD_LAWYER");
    await assign(found.reference, b, "SUPPORTING_LAWYER");
    await changeStatus(a, found.reference, {
      to: "IN_PROGRESS",
      version: await versionOf(found.reference),
    });
    await expectTalliesExact();

    // Any writer: the counts are the database's, not the app's.
    await prisma.case.update({
      where: { id: found.id },
      data: { region: "MANGYSTAU", category: "UNSAFE_CONDITIONS", urgency: "HIGH" },
    });
    await expectTalliesExact();
    // Writing the same values again moves nothing.
    await prisma.case.update({ where: { id: found.id }, data: { region: "MANGYSTAU" } });
    await expectTalliesExact();
  });

  it("let go of a deleted case's assignments exactly once", async () => {
    const [a, b] = lawyers as [Person, Person];
    const doomed = await makeCase(organizer.id, { urgency: "HIGH" });
    const kept = await makeCase(organizer.id, { urgency: "HIGH" });
    await putOnCase(doomed.reference, a, "LEAD_LAWYER", coordinator);
    await putOnCase(doomed.reference, b, "SUPPORTING_LAWYER", coordinator);
    await putOnCase(kept.reference, a, "LEAD_LAWYER", coordinator);
    await expectTalliesExact();

    await prisma.$transaction([
      prisma.timelineEvent.deleteMany({ where: { caseId: doomed.id } }),
      prisma.case.delete({ where: { id: doomed.id } }),
    ]);
    await expectTalliesExact();
  });

  it("keeps a plain write of an assignment counted too", async () => {
    const [, , c] = lawyers as [Person, Person, Person];
    const found = await makeCase(organizer.id);
    await putOnCase(found.reference, c, "SUPPORTING_LAWYER", coordinator);
    await prisma.caseAssignment.update({
      where: { caseId_userId: { caseId: found.id, userId: c.id } },
      data: { role: "FIELD_ORGANIZER" },
    });
    await expectTalliesExact();
    await prisma.caseAssignment.delete({
      where: { caseId_userId: { caseId: found.id, userId: c.id } },
    });
    await expectTalliesExact();
  });
});
