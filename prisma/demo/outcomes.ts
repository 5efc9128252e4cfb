// What the demo office achieved, so the caseload dashboard has something to
// count: outcomes on finished cases (through the app's own recordOutcome, with
// their timeline and audit entries) and a few missed deadlines on open ones.
// Fictional, deterministic.
import { prisma } from "~/db.server";
import type { CaseCategory } from "~/generated/prisma/sqlite/enums";
import { recordOutcome, type OutcomeInput } from "~/modules/cases/outcomes.server";
import { newRowId, sealerForCase } from "~/modules/keys/case-fields.server";

const DAY = 24 * 3_600_000;

function outcomeFor(category: CaseCategory, i: number, date: string): OutcomeInput {
  switch (category) {
    case "UNPAID_WAGES":
      return {
        kind: "WAGES_RECOVERED",
        amountMinor: (850_000 + i * 137_500) * 100,
        currency: "KZT",
        people: 4 + (i % 9),
        date,
      };
    case "UNSAFE_CONDITIONS":
      return {
        kind: "COMPENSATION_PAID",
        amountMinor: (1_200_000 + i * 50_000) * 100,
        currency: "KZT",
        people: 1,
        date,
      };
    case "DETAINED_ACTIVIST":
    case "STRIKE_PENALTIES":
      return { kind: "RELEASED_FROM_DETENTION", currency: "KZT", people: 1 + (i % 2), date };
    case "UNION_BUSTING":
      return { kind: "REINSTATED", currency: "KZT", people: 2 + (i % 3), date };
    case "MIGRANT_ABUSE":
    case "FORCED_LABOR":
      return {
        kind: "COMPENSATION_PAID",
        amountMinor: (300_000 + i * 20_000) * 100,
        currency: "KZT",
        people: 3,
        date,
      };
    default:
      return { kind: "SETTLED", currency: "KZT", date };
  }
}

export async function seedDemoOutcomes(people: { lawyerId: string }, now: Date): Promise<void> {
  const finished = await prisma.case.findMany({
    where: { status: { in: ["RESOLVED", "CLOSED"] } },
    orderBy: { createdAt: "asc" },
    select: {
      reference: true,
      category: true,
      createdAt: true,
      closedAt: true,
      assignments: { where: { role: "LEAD_LAWYER" }, select: { userId: true } },
    },
  });
  for (const [i, found] of finished.entries()) {
    // Recorded by the case's own lead lawyer: lawyers reach only the cases they hold.
    const lawyer = {
      id: found.assignments[0]?.userId ?? people.lawyerId,
      role: "LAWYER" as const,
      regions: [],
    };
    const ended = found.closedAt && found.closedAt < now ? found.closedAt : now;
    const date = new Date(ended.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    await recordOutcome(lawyer, found.reference, outcomeFor(found.category, i, date), {
      userAgent: "demo seed",
    });
  }
  // Missed dates: an answer that was due and never recorded.
  const open = await prisma.proceeding.findMany({
    where: { case: { status: { in: ["IN_PROGRESS", "REOPENED"] } } },
    orderBy: { createdAt: "asc" },
    select: { id: true, caseId: true, createdById: true },
    take: 3,
  });
  for (const [i, proceeding] of open.entries()) {
    await prisma.$transaction(async (tx) => {
      // Sealed with the case key, as the app writes a date's texts (0027).
      const sealer = await sealerForCase(tx, proceeding.caseId);
      const id = newRowId();
      const { description } = sealer.seal("ProceedingDate", id, {
        description: "Ответить на возражения работодателя",
      });
      await tx.proceedingDate.create({
        data: {
          id,
          proceedingId: proceeding.id,
          caseId: proceeding.caseId,
          kind: "DEADLINE",
          dueAt: new Date(now.getTime() - (2 + i * 3) * DAY),
          description,
          createdById: proceeding.createdById,
        },
      });
    });
  }
}
