// Fictional demo data for `npm run demo`. Runs only in demo mode and only on
// an empty database. Every name and number here is invented.
import { prisma } from "~/db.server";
import type { Region } from "~/generated/prisma/sqlite/enums";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "~/modules/auth/demo-accounts";
import { sealTotpSecret } from "~/modules/auth/totp-secret.server";
import { createUser } from "~/modules/people/people.server";
import { normalizeEmployerName } from "~/modules/employers/employers.server";
import { createIntake } from "~/modules/intake/intake.server";
import { keyring } from "~/modules/keys/keyring.server";
import { ensureDemoKeyring } from "~/modules/keys/start.server";
import { REGIONS } from "~/modules/regions/regions";
import { demoCases } from "./demo/cases";
import { DEMO_EMPLOYERS } from "./demo/employers";
import { seedDemoWork } from "./demo/work";
import { seedDemoOutcomes } from "./demo/outcomes";

const DEMO_PEOPLE: Record<
  string,
  { displayName: string; regions: readonly Region[]; locale: "ru" | "kk" | "en" }
> = {
  "organizer@example.org": {
    displayName: "Дана Серикова",
    regions: ["ATYRAU", "MANGYSTAU"],
    locale: "ru",
  },
  "lawyer@example.org": {
    displayName: "Арман Тулегенов",
    regions: ["ATYRAU", "MANGYSTAU", "ALMATY"],
    locale: "ru",
  },
  "coordinator@example.org": { displayName: "Сауле Бекова", regions: REGIONS, locale: "kk" },
  "admin@example.org": { displayName: "Руслан Ахметов", regions: [], locale: "en" },
};

export async function seedDemo(now = new Date()): Promise<boolean> {
  if (process.env.ADAL_DEMO !== "1") throw new Error("The demo seed runs only with ADAL_DEMO=1.");
  if ((await prisma.user.count()) > 0) return false;
  const seedActor = { actorId: null, ipAddress: null, userAgent: "demo seed" };
  const users: Record<string, string> = {};
  for (const account of DEMO_ACCOUNTS) {
    const person = DEMO_PEOPLE[account.email]!;
    const user = await createUser(
      {
        email: account.email,
        role: account.role,
        password: DEMO_PASSWORD,
        ...person,
        regions: [...person.regions],
      },
      seedActor,
      { skipPolicy: true },
    );
    users[account.email] = user.id;
    // Pre-enrolled, so that the demo shows the second step; the login page prints the secret.
    await prisma.totpCredential.create({
      data: {
        userId: user.id,
        secret: await sealTotpSecret(user.id, DEMO_TOTP_SECRET),
        confirmedAt: now,
      },
    });
  }
  for (const employer of DEMO_EMPLOYERS) {
    await prisma.employer.create({
      data: { ...employer, normalizedName: normalizeEmployerName(employer.name) },
    });
  }
  // Cases come in through the real intake path; their status is then set as
  // if the office had worked on them (the case file's workflow arrives later).
  const organizerId = users["organizer@example.org"]!;
  // Cases are sealed with their case keys as in production: the demo's key first.
  await ensureDemoKeyring();
  await keyring.start();
  const oldestFirst = demoCases(now).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const demo of oldestFirst) {
    const created = await createIntake(
      demo.form,
      { userId: organizerId, userAgent: "demo seed" },
      demo.createdAt,
    );
    if (demo.status !== "NEW")
      await prisma.case.update({ where: { id: created.id }, data: { status: demo.status } });
  }
  await seedDemoWork(
    {
      lawyerId: users["lawyer@example.org"]!,
      organizerId,
      coordinatorId: users["coordinator@example.org"]!,
    },
    now,
  );
  await seedDemoOutcomes({ lawyerId: users["lawyer@example.org"]! }, now);
  return true;
}

const seeded = await seedDemo();
console.log(
  seeded ? "[adal] demo data seeded" : "[adal] database already has data; demo seed skipped",
);
await prisma.$disconnect();
