// Run by e2e/sealed-server.spec.ts in a process of its own, against its own
// server's database (DATABASE_URL): the fixtures' `app` is bound to the shared
// e2e database, and one process has one Prisma client.
//   sessions          signs the demo organizer, lawyer and coordinator in (Russian, second
//                     factor passed) and prints their cookie tokens as JSON
//   assign REFERENCE  puts the demo lawyer on the case as lead lawyer
import { prisma } from "~/db.server";
import { createSession } from "~/modules/auth/session.server";

const PEOPLE = {
  organizer: "organizer@example.org",
  lawyer: "lawyer@example.org",
  coordinator: "coordinator@example.org",
} as const;

async function person(email: string) {
  return prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
}

async function main() {
  const [command, reference] = process.argv.slice(2);
  if (command === "sessions") {
    const tokens: Record<string, string> = {};
    for (const [role, email] of Object.entries(PEOPLE)) {
      const { id } = await person(email);
      await prisma.user.update({ where: { id }, data: { locale: "ru" } });
      tokens[role] = await createSession(
        id,
        { ipAddress: "127.0.0.1", userAgent: "playwright fixture" },
        { secondFactor: "passed" },
      );
    }
    process.stdout.write(`\nTOKENS ${JSON.stringify(tokens)}\n`);
  } else if (command === "assign" && reference) {
    const found = await prisma.case.findUniqueOrThrow({ where: { reference } });
    await prisma.caseAssignment.create({
      data: {
        caseId: found.id,
        userId: (await person(PEOPLE.lawyer)).id,
        role: "LEAD_LAWYER",
        assignedById: (await person(PEOPLE.coordinator)).id,
      },
    });
  } else throw new Error(`unknown command ${command}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
