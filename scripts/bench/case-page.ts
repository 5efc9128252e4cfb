// `npm run bench`: the case page with 10 named workers (issue 13). Both sides
// run the case page's own loader function on a case with the same 10 workers:
// one as intakes now store it (every identity field, the place and the account
// sealed with the case key, opened on each view), the other stored in clear as
// before the keys (opened as is). The difference is what decrypting costs a view.
import { withCheckDigit } from "~/modules/intake/identifiers";
import { unsealedBenchKeyring } from "./keyring";
import type { ScenarioFactory } from "./scenarios";

const WORKERS = 10;

function tenWorkers(seed: number) {
  return Array.from({ length: WORKERS }, (_, i) => ({
    fullName: `Работник${seed} Тестов${i + 1}`,
    iin: withCheckDigit(`850101${String(seed * 100 + i).padStart(5, "0")}`) ?? undefined,
    phone: `+7701${String(seed * 1000 + i).padStart(7, "0")}`,
    address: `Атырау, улица Строителей, дом ${i + 1}`,
    contactNotes: "Звонить после шести вечера",
    consentToStore: "on",
  }));
}

type Opened = { ok: boolean; value?: string } | null | undefined;
const names = (file: unknown) =>
  JSON.stringify(
    (
      file as { summary: { workers: { identity: { fullName: Opened; phone: Opened } | null }[] } }
    ).summary.workers.map((w) => [w.identity?.fullName?.value, w.identity?.phone?.value]),
  );

export const CASE_PAGE_SCENARIOS: Record<string, ScenarioFactory> = {
  "case page: 10 workers decrypted": async (context) => {
    await unsealedBenchKeyring(context.provider);
    const { prisma } = await import("~/db.server");
    const { createIntake } = await import("~/modules/intake/intake.server");
    const { validateIntake } = await import("~/modules/intake/schema");
    const { loadCaseFile } = await import("~/modules/cases/case-file.server");
    const seed = Math.floor(Math.random() * 900) + 100;
    const workers = tenWorkers(seed);
    const take = async () => {
      const parsed = validateIntake({
        category: "UNPAID_WAGES",
        facts: {
          periodStart: "2026-06-01",
          amountOwed: "1 250 000",
          currency: "KZT",
          workersAffected: "10",
        },
        incidentStart: "2026-06-01",
        region: "ATYRAU",
        place: "Тенгиз, вахтовый посёлок",
        channel: "FIELD_VISIT",
        account: "Три месяца без зарплаты; мастер велел молчать.",
        unnamedWorkerCount: "0",
        employer: { name: `ТОО «Стенд ${seed}»`, sector: "CONSTRUCTION" },
        workers,
      });
      if (!parsed.success) throw new Error(JSON.stringify(parsed.errors));
      return createIntake(parsed.data, { userId: context.people.organizer.id });
    };
    const sealed = await take();
    const clear = await take();
    // The twin as stored before the keys: the same values in clear, and no case key.
    const stored = await prisma.affectedWorker.findMany({
      where: { caseId: clear.id },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    await prisma.$transaction(async (tx) => {
      for (const [i, worker] of stored.entries()) {
        const { consentToStore: _consent, ...identity } = workers[i]!;
        await tx.workerIdentity.update({
          where: { workerId: worker.id },
          data: { ...identity, iin: identity.iin ?? null },
        });
      }
      await tx.case.update({
        where: { id: clear.id },
        data: {
          place: "Тенгиз, вахтовый посёлок",
          account: "Три месяца без зарплаты; мастер велел молчать.",
          factsText: null,
        },
      });
      await tx.caseKey.deleteMany({ where: { caseId: clear.id } });
    });
    const caller = context.caller(context.people.coordinator);
    return {
      name: "case page: 10 workers decrypted",
      // The page's own target, and decrypting 10 identities at most 2 ms over the same page in clear.
      target: { maxP95Ms: 30, maxOverMs: 2 },
      run: () => loadCaseFile(caller, sealed.reference),
      raw: () => loadCaseFile(caller, clear.reference),
      same: (run, raw) => (names(run) === names(raw) ? null : "workers differ"),
    };
  },
};
