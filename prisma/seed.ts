// Fictional demo data for `npm run demo`. Runs only in demo mode and only on
// an empty database. Every name and number here is invented.
import { prisma } from "~/db.server";
import type { Region } from "~/generated/prisma/sqlite/enums";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/modules/auth/demo-accounts";
import { createUser } from "~/modules/people/people.server";
import { REGIONS } from "~/modules/regions/regions";

const DEMO_PEOPLE: Record<
  string,
  { displayName: string; regions: readonly Region[]; locale: "ru" | "kk" | "en" }
> = {
  "organizer@example.org": {
    displayName: "Dana Serikova",
    regions: ["ATYRAU", "MANGYSTAU"],
    locale: "ru",
  },
  "lawyer@example.org": {
    displayName: "Arman Tulegenov",
    regions: ["ATYRAU", "MANGYSTAU", "ALMATY"],
    locale: "ru",
  },
  "coordinator@example.org": { displayName: "Saule Bekova", regions: REGIONS, locale: "kk" },
  "admin@example.org": { displayName: "Ruslan Admin", regions: [], locale: "en" },
};

export async function seedDemo(): Promise<boolean> {
  if (process.env.ADAL_DEMO !== "1") throw new Error("The demo seed runs only with ADAL_DEMO=1.");
  if ((await prisma.user.count()) > 0) return false;
  for (const account of DEMO_ACCOUNTS) {
    const person = DEMO_PEOPLE[account.email]!;
    await createUser(
      {
        email: account.email,
        role: account.role,
        password: DEMO_PASSWORD,
        ...person,
        regions: [...person.regions],
      },
      { actorId: null, ipAddress: "seed", userAgent: "demo seed" },
      { skipPolicy: true },
    );
  }
  return true;
}

const seeded = await seedDemo();
console.log(
  seeded ? "[adal] demo data seeded" : "[adal] database already has data; demo seed skipped",
);
await prisma.$disconnect();
