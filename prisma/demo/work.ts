// The office at work in the demo: colleagues without sign-in, who holds which
// case, legal action with hearings and deadlines around today, and when
// finished cases were closed. Fictional, deterministic.
import { prisma } from "~/db.server";
import type { AssignmentRole, CaseStatus, Region } from "~/generated/prisma/sqlite/enums";
import { newRowId, sealerForCase } from "~/modules/keys/case-fields.server";
import { createUser } from "~/modules/people/people.server";

/** Colleagues who appear in suggestions and caseloads but have no demo sign-in (no password). */
export const DEMO_COLLEAGUES: ReadonlyArray<{
  email: string;
  displayName: string;
  role: "LAWYER" | "ORGANIZER";
  regions: Region[];
}> = [
  {
    email: "lawyer.two@example.org",
    displayName: "Айгерим Сапарова",
    role: "LAWYER",
    regions: ["KARAGANDA", "ASTANA", "PAVLODAR"],
  },
  {
    email: "lawyer.three@example.org",
    displayName: "Ержан Омаров",
    role: "LAWYER",
    regions: ["ALMATY", "SHYMKENT", "TURKISTAN", "JAMBYL"],
  },
  {
    email: "organizer.two@example.org",
    displayName: "Марат Жумабаев",
    role: "ORGANIZER",
    regions: ["KARAGANDA", "ULYTAU"],
  },
];

const WORKED: readonly CaseStatus[] = [
  "ASSIGNED",
  "IN_PROGRESS",
  "ON_HOLD",
  "RESOLVED",
  "CLOSED",
  "REOPENED",
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Kazakhstan local time (UTC+5) `days` from `now`'s date, at `hour`:00. */
function almatyAt(now: Date, days: number, hour: number): Date {
  const local = new Date(now.getTime() + 5 * HOUR);
  local.setUTCHours(hour, 0, 0, 0);
  return new Date(local.getTime() + days * DAY - 5 * HOUR);
}

export async function seedDemoWork(
  people: { lawyerId: string; organizerId: string; coordinatorId: string },
  now: Date,
): Promise<void> {
  const colleagues: Record<string, string> = {};
  for (const colleague of DEMO_COLLEAGUES) {
    const user = await createUser(colleague, { actorId: null, userAgent: "demo seed" });
    colleagues[colleague.email] = user.id;
  }
  const lawyers = [
    people.lawyerId,
    colleagues["lawyer.two@example.org"]!,
    colleagues["lawyer.three@example.org"]!,
  ];
  const cases = await prisma.case.findMany({
    where: { status: { in: [...WORKED] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, status: true, createdAt: true, category: true },
  });
  for (const [i, found] of cases.entries()) {
    // The demo lawyer holds most cases, so that signing in as them shows a full desk.
    const lead = i % 4 === 3 ? lawyers[1 + (i % 2)]! : people.lawyerId;
    const holders: Array<{ userId: string; role: AssignmentRole }> = [
      { userId: lead, role: "LEAD_LAWYER" },
    ];
    if (i % 3 === 0 && lead !== people.lawyerId)
      holders.push({ userId: people.lawyerId, role: "SUPPORTING_LAWYER" });
    if (i % 2 === 0) holders.push({ userId: people.organizerId, role: "FIELD_ORGANIZER" });
    await prisma.caseAssignment.createMany({
      data: holders.map((h) => ({
        caseId: found.id,
        ...h,
        assignedById: people.coordinatorId,
        assignedAt: new Date(found.createdAt.getTime() + 6 * HOUR),
      })),
    });
    if (found.status === "RESOLVED" || found.status === "CLOSED")
      await prisma.case.update({
        where: { id: found.id },
        data: { closedAt: new Date(found.createdAt.getTime() + (20 + (i % 40)) * DAY) },
      });
    if (found.status === "IN_PROGRESS" || found.status === "REOPENED")
      await seedProceeding(found.id, lead, i, now);
  }
}

/** A date's texts, sealed with the case key as the app writes them (0027). */
type DateTexts = { place: string | null; description: string };

async function seedProceeding(caseId: string, lawyerId: string, i: number, now: Date) {
  const civil = i % 2 === 0;
  await prisma.$transaction(async (tx) => {
    const sealer = await sealerForCase(tx, caseId);
    const id = newRowId();
    const sealDate = (texts: DateTexts) => {
      const dateId = newRowId();
      return { id: dateId, ...sealer.seal("ProceedingDate", dateId, { ...texts, outcome: null }) };
    };
    await tx.proceeding.create({
      data: {
        id,
        caseId,
        kind: civil ? "CIVIL_CLAIM" : "LABOR_INSPECTORATE",
        authority: civil
          ? "Районный суд № 2 (вымышл.)"
          : "Управление государственной инспекции труда области (вымышл.)",
        ...sealer.seal("Proceeding", id, {
          externalNumber: civil ? `2-${1000 + i}/2026` : null,
          summary: null,
        }),
        filedOn: new Date(now.getTime() - (10 + i) * DAY),
        status: civil ? "PENDING" : "FILED",
        createdById: lawyerId,
        dates: {
          create: [
            {
              caseId,
              kind: civil ? "HEARING" : "DEADLINE",
              dueAt: almatyAt(now, 1 + (i % 9), 10),
              ...sealDate({
                place: civil ? "Зал судебных заседаний № 4" : null,
                description: civil
                  ? "Рассмотрение дела по существу"
                  : "Срок ответа инспекции труда",
              }),
              createdById: lawyerId,
            },
            {
              caseId,
              kind: "DEADLINE",
              dueAt: almatyAt(now, 12 + (i % 15), 18),
              ...sealDate({ place: null, description: "Представить письменные доказательства" }),
              createdById: lawyerId,
            },
          ],
        },
      },
    });
  });
}
