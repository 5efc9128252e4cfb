// Puts a test account on a case the way a coordinator's assignment would leave
// it (the assignment row only): for specs about what an assigned person does.
// e2e/assignment.spec.ts drives real assignments through the app.
import type { AssignmentRole } from "~/generated/prisma/sqlite/enums";
import type { App } from "./app";

export async function assignTo(
  app: App,
  reference: string,
  user: { id: string },
  role: AssignmentRole,
): Promise<void> {
  const found = await app.prisma.case.findUniqueOrThrow({
    where: { reference },
    select: { id: true },
  });
  // Recorded as assigned by a coordinator of the seeded demo data.
  const coordinator = await app.prisma.user.findFirstOrThrow({
    where: { role: "COORDINATOR", active: true },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  await app.prisma.caseAssignment.create({
    data: { caseId: found.id, userId: user.id, role, assignedById: coordinator.id },
  });
}
