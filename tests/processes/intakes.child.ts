// One of the processes of tests/processes/two-processes.test.ts: records
// INTAKES intakes, CONCURRENCY at a time, on DATABASE_URL, as a server worker would.
import { createIntake } from "~/modules/intake/intake.server";
import { validateIntake } from "~/modules/intake/schema";
import { minimalIntake } from "../fixtures/intake";

const total = Number(process.env.INTAKES);
const concurrency = Number(process.env.CONCURRENCY);
const organizerId = process.env.ORGANIZER_ID!;

const parsed = validateIntake(minimalIntake("OTHER", { confirmDuplicates: "on" }));
if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
const intake = parsed.data;

// Both processes start together, whenever each finished loading.
await new Promise((resolve) =>
  setTimeout(resolve, Math.max(0, Number(process.env.START_AT) - Date.now())),
);
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next += 1;
      await createIntake(intake, { userId: organizerId, ipAddress: "127.0.0.1" });
    }
  }),
);
const { prisma } = await import("~/db.server");
await prisma.$disconnect();
