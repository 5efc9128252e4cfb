import { beforeAll, describe, expect, it } from "vitest";
import { database, prisma } from "~/db.server";
import { normalizeEmployerName, suggestEmployers } from "~/modules/employers/employers.server";
import { createUser } from "~/modules/people/people.server";
import {
  minimalIntake,
  namedWorker,
  type Category,
  type IntakeValues,
} from "../../../tests/fixtures/intake";
import { expectSealed, opened } from "../../../tests/fixtures/sealed";
import { findPossibleDuplicates } from "./duplicates.server";
import { withCheckDigit } from "./identifiers";
import { createIntake, submitIntake, type Actor } from "./intake.server";
import type { Caller } from "~/modules/auth/caller";
import { validateIntake, type IntakeInput } from "./schema";

let organizer: Caller;
let actor: Actor;

beforeAll(async () => {
  const created = await createUser(
    {
      email: "aigerim@example.org",
      displayName: "Aigerim",
      role: "ORGANIZER",
      regions: ["ATYRAU"],
    },
    { actorId: null },
  );
  organizer = { ...created, regions: ["ATYRAU"] };
  actor = { userId: organizer.id, ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (test)" };
});

function parse(values: IntakeValues): IntakeInput {
  const result = validateIntake(values);
  if (!result.success) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

function intakeAt(category: Category, employerName: string, overrides: IntakeValues = {}) {
  return minimalIntake(category, {
    employer: { name: employerName, sector: "OIL_AND_GAS" },
    ...overrides,
  });
}

let serial = 0;
/** A valid IIN no other test in this file uses. */
function freshIin(): string {
  for (;;) {
    serial += 1;
    const iin = withCheckDigit(`850721${String(40000 + serial).padStart(5, "0")}`);
    if (iin) return iin;
  }
}

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

/** Every row the intake writes, to compare before and after. */
/** Runs `work` while every insert into `table` fails in the database itself. */
async function failInserts(table: string, work: () => Promise<void>) {
  if (database.provider === "sqlite") {
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "fail_${table}" BEFORE INSERT ON "${table}" BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
    );
  } else {
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION "fail_insert"() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "fail_${table}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fail_insert"()`,
    );
  }
  try {
    await work();
  } finally {
    await prisma.$executeRawUnsafe(
      database.provider === "sqlite"
        ? `DROP TRIGGER "fail_${table}"`
        : `DROP TRIGGER "fail_${table}" ON "${table}"`,
    );
  }
}

async function snapshot() {
  const [cases, workers, identities, employers, links, audit, counters] = await Promise.all([
    prisma.case.count(),
    prisma.affectedWorker.count(),
    prisma.workerIdentity.count(),
    prisma.employer.count(),
    prisma.caseEmployer.count(),
    prisma.auditEntry.count(),
    prisma.caseCounter.findMany({ orderBy: { year: "asc" } }),
  ]);
  return { cases, workers, identities, employers, links, audit, counters };
}

describe("createIntake", () => {
  it("records the case, its employer chain, its workers with identities apart, and the audit entry", async () => {
    const iin = freshIin();
    const employerBin = withCheckDigit("10044000123")!;
    const contractorBin = withCheckDigit("11054000987")!;
    const intake = parse(
      minimalIntake("UNPAID_WAGES", {
        facts: {
          periodStart: "2025-07-01",
          periodEnd: "2025-09-30",
          amountOwed: "1 250 000,50",
          currency: "KZT",
          workersAffected: "40",
          offTheBooks: "on",
        },
        employer: { name: "ТОО «Мунай Құрылыс»", bin: employerBin, sector: "OIL_AND_GAS" },
        chain: {
          contractor: { name: "АО «Подрядчик»", bin: contractorBin },
          parentCompany: { name: "Caspian Holding LLP" },
          recruitmentAgency: { name: "Агентство «Жол»" },
        },
        workers: [
          namedWorker({
            fullName: "Ержан Сапаров",
            iin,
            phone: "8 701 555 12 34",
            address: "Жанаозен, мкр. Шугыла 14",
            contactNotes: "Never call during the shift",
            yearOfBirth: "1985",
            gender: "MALE",
            citizenship: "KZ",
            occupation: "Welder",
            unionMember: "YES",
            consentToContact: "on",
          }),
          { anonymous: "on", occupation: "Driver", consentToCiteAnonymously: "on" },
        ],
        unnamedWorkerCount: "38",
      }),
    );
    const created = await createIntake(intake, actor);
    expect(created.reference).toMatch(/^KZ-\d{4}-\d{6}$/);

    const stored = await prisma.case.findUniqueOrThrow({
      where: { reference: created.reference },
      include: {
        employers: { include: { employer: true }, orderBy: { role: "asc" } },
        workers: { include: { identity: true }, orderBy: { createdAt: "asc" } },
      },
    });
    expect(stored).toMatchObject({
      category: "UNPAID_WAGES",
      status: "NEW",
      urgency: "NORMAL",
      suggestedUrgency: "NORMAL",
      region: "ATYRAU",
      channel: "FIELD_VISIT",
      unnamedWorkerCount: 38,
      organizerId: organizer.id,
      incidentStart: new Date("2025-10-01T00:00:00.000Z"),
      incidentEnd: null,
    });
    // Free text is stored sealed with the case key, and opens again with it.
    expectSealed({ place: stored.place, account: stored.account });
    expect((await opened(stored.id, "Case", stored.id, { place: stored.place })).place).toBe(
      "Tengiz field camp",
    );
    expect(JSON.parse(stored.facts)).toEqual({
      periodStart: "2025-07-01",
      periodEnd: "2025-09-30",
      amountOwed: 125_000_050,
      currency: "KZT",
      workersAffected: 40,
      offTheBooks: true,
    });

    const links = Object.fromEntries(stored.employers.map((l) => [l.role, l.employer]));
    expect(Object.keys(links).sort()).toEqual([
      "CONTRACTOR",
      "EMPLOYER",
      "PARENT_COMPANY",
      "RECRUITMENT_AGENCY",
    ]);
    expect(links.EMPLOYER).toMatchObject({
      name: "ТОО «Мунай Құрылыс»",
      normalizedName: "мунай құрылыс",
      bin: employerBin,
      sector: "OIL_AND_GAS",
      region: "ATYRAU",
    });
    expect(links.CONTRACTOR).toMatchObject({ bin: contractorBin, sector: "OTHER" });
    expect(links.PARENT_COMPANY).toMatchObject({ name: "Caspian Holding LLP", bin: null });
    expect(links.RECRUITMENT_AGENCY).toMatchObject({ normalizedName: "агентство жол" });

    const [named, anonymous] = stored.workers;
    expect(named).toMatchObject({
      anonymous: false,
      yearOfBirth: 1985,
      gender: "MALE",
      citizenship: "KZ",
      occupation: "Welder",
      unionMember: true,
      consentToStore: true,
      consentToContact: true,
      consentToShare: false,
    });
    const { workerId: _, iinIndex, phoneIndex, ...identity } = named!.identity!;
    expectSealed(identity);
    expect(iinIndex).toMatch(/^[0-9a-f]{32}$/);
    expect(phoneIndex).toMatch(/^[0-9a-f]{32}$/);
    expect(await opened(stored.id, "WorkerIdentity", named!.id, identity)).toEqual({
      fullName: "Ержан Сапаров",
      iin,
      phone: "+77015551234",
      address: "Жанаозен, мкр. Шугыла 14",
      contactNotes: "Never call during the shift",
    });
    expect(anonymous).toMatchObject({
      anonymous: true,
      occupation: "Driver",
      unionMember: null,
      consentToCiteAnonymously: true,
      identity: null,
    });
    expect(await prisma.workerIdentity.count({ where: { worker: { caseId: stored.id } } })).toBe(1);

    const entries = await prisma.auditEntry.findMany({
      where: { action: "case.created", targetId: created.reference },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: organizer.id,
      targetType: "case",
      ipAddress: "203.0.113.7",
      userAgent: "Mozilla/5.0 (test)",
    });
    expect(JSON.parse(entries[0]!.details)).toEqual({
      category: "UNPAID_WAGES",
      region: "ATYRAU",
      urgency: "NORMAL",
      suggestedUrgency: "NORMAL",
      namedWorkers: 1,
      anonymousWorkers: 1,
      unnamedWorkers: 38,
      duplicatesAcknowledged: false,
    });
    // Who the workers are appears nowhere in the audit log, in any column of any entry.
    const wholeLog = JSON.stringify(await prisma.auditEntry.findMany());
    for (const secret of ["Ержан", "Сапаров", iin, "7015551234", "Шугыла", "shift"]) {
      expect(wholeLog).not.toContain(secret);
    }
  });

  it("keeps the organizer's urgency, but a detained activist's case is always urgent", async () => {
    const detained = await createIntake(
      parse(minimalIntake("DETAINED_ACTIVIST", { urgency: "NORMAL" })),
      actor,
    );
    const lowered = await createIntake(
      parse(
        intakeAt("FORCED_LABOR", "Ферма «Береке»", {
          facts: { indicators: ["DEBT_BONDAGE"], canLeave: "NO" },
          urgency: "HIGH",
        }),
      ),
      actor,
    );
    const rows = await prisma.case.findMany({
      where: { reference: { in: [detained.reference, lowered.reference] } },
      select: { reference: true, urgency: true, suggestedUrgency: true },
    });
    expect(rows.find((r) => r.reference === detained.reference)).toMatchObject({
      urgency: "URGENT",
      suggestedUrgency: "URGENT",
    });
    expect(rows.find((r) => r.reference === lowered.reference)).toMatchObject({
      urgency: "HIGH",
      suggestedUrgency: "URGENT",
    });
  });

  it("leaves nothing behind when the case cannot be saved", async () => {
    const intake = parse(
      intakeAt("UNPAID_WAGES", "ТОО «Никогда не сохранится»", {
        workers: [namedWorker({ iin: freshIin() }), { anonymous: "on" }],
        chain: { contractor: { name: "Новый подрядчик" } },
      }),
    );
    // A year with a counter already and a year without one: neither may move.
    await createIntake(parse(minimalIntake("OTHER")), actor, new Date("2019-06-01T12:00:00Z"));
    const before = await snapshot();
    for (const now of [new Date("2019-07-01T12:00:00Z"), new Date("2018-07-01T12:00:00Z")]) {
      await expect(createIntake(intake, { userId: "no-such-organizer" }, now)).rejects.toThrow();
    }
    expect(await snapshot()).toEqual(before);
    expect(
      await prisma.employer.count({
        where: { normalizedName: { in: ["никогда не сохранится", "новый подрядчик"] } },
      }),
    ).toBe(0);
  });

  it.each(["TimelineEvent", "AuditEntry"])(
    "leaves nothing behind when the %s insert fails after the case, its key and its workers",
    async (table) => {
      const intake = parse(
        intakeAt("UNPAID_WAGES", "ТОО «Сломанный работник»", {
          workers: [namedWorker({ iin: freshIin() }), namedWorker({ fullName: "Second" })],
          chain: { contractor: { name: "Подрядчик, которого не будет" } },
        }),
      );
      const before = await snapshot();
      const extra = async () => ({
        keys: await prisma.caseKey.count(),
        events: await prisma.timelineEvent.count(),
      });
      const extraBefore = await extra();
      await failInserts(table, async () => {
        await expect(createIntake(intake, actor)).rejects.toThrow(/forced failure/);
      });
      expect(await snapshot()).toEqual(before);
      expect(await extra()).toEqual(extraBefore);
      // The next intake takes the number the failed one did not use.
      const next = await createIntake(parse(minimalIntake("OTHER")), actor);
      const year = Number(next.reference.slice(3, 7));
      const last = before.counters.find((c) => c.year === year)?.last ?? 0;
      expect(next.reference).toBe(`KZ-${year}-${String(last + 1).padStart(6, "0")}`);
    },
  );
});

describe("references", () => {
  it("follow Kazakhstan's calendar: an intake at 02:00 on 1 January local time opens the new year", async () => {
    // 1 January 2031, 02:00 in Kazakhstan (UTC+5) is still 31 December 2030 in UTC.
    const justAfterNewYear = new Date("2030-12-31T21:00:00Z");
    const created = await createIntake(parse(minimalIntake("OTHER")), actor, justAfterNewYear);
    expect(created.reference).toMatch(/^KZ-2031-\d{6}$/);
  });
});

describe("employers", () => {
  it("are reused by normalised name, however the legal form and quotes are written", async () => {
    const references = [];
    for (const name of [
      "ТОО «Стройка-Атырау»",
      "Стройка-Атырау ТОО",
      '"стройка-атырау"',
      "  СТРОЙКА-АТЫРАУ  llp ",
    ]) {
      references.push((await createIntake(parse(intakeAt("UNPAID_WAGES", name)), actor)).reference);
    }
    const employerIds = await prisma.caseEmployer.findMany({
      where: { role: "EMPLOYER", case: { reference: { in: references } } },
      select: { employerId: true },
    });
    expect(employerIds).toHaveLength(4);
    expect(new Set(employerIds.map((e) => e.employerId)).size).toBe(1);
    expect(await prisma.employer.count({ where: { normalizedName: "стройка-атырау" } })).toBe(1);
    expect(normalizeEmployerName("ТОО «Стройка-Атырау»")).toBe("стройка-атырау");
  });

  it("are reused by BIN even under another name, and kept apart by different BINs", async () => {
    const bin = withCheckDigit("05124000456")!;
    const otherBin = withCheckDigit("05124000457")!;
    const first = await createIntake(
      parse(
        intakeAt("UNSAFE_CONDITIONS", "АО «КазМунайТранс»", {
          employer: { name: "АО «КазМунайТранс»", bin, sector: "TRANSPORT" },
        }),
      ),
      actor,
    );
    const renamed = await createIntake(
      parse(
        intakeAt("UNSAFE_CONDITIONS", "x", { employer: { name: "KMT JSC", bin, sector: "OTHER" } }),
      ),
      actor,
    );
    const sameNameOtherBin = await createIntake(
      parse(
        intakeAt("UNSAFE_CONDITIONS", "x", {
          employer: { name: "АО «КазМунайТранс»", bin: otherBin, sector: "TRANSPORT" },
        }),
      ),
      actor,
    );
    const employerOf = async (reference: string) =>
      (
        await prisma.caseEmployer.findFirstOrThrow({
          where: { role: "EMPLOYER", case: { reference } },
          select: { employer: { select: { id: true, name: true, bin: true } } },
        })
      ).employer;
    const a = await employerOf(first.reference);
    expect(await employerOf(renamed.reference)).toEqual(a);
    expect(a).toMatchObject({ name: "АО «КазМунайТранс»", bin });
    expect(await employerOf(sameNameOtherBin.reference)).toMatchObject({ bin: otherBin });
    expect((await employerOf(sameNameOtherBin.reference)).id).not.toBe(a.id);
  });

  it("are created once when intakes naming the same new company are saved at the same moment", async () => {
    const bin = withCheckDigit("20054000111")!;
    const saved = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        createIntake(
          parse(
            intakeAt("UNPAID_WAGES", "x", {
              employer: { name: `ТОО «Одновременно» ${i}`, bin, sector: "CONSTRUCTION" },
            }),
          ),
          actor,
        ),
      ),
    );
    expect(saved.map((s) => (s.status === "rejected" ? String(s.reason) : s.status))).toEqual(
      Array.from({ length: 8 }, () => "fulfilled"),
    );
    const employer = await prisma.employer.findUniqueOrThrow({
      where: { bin },
      select: { _count: { select: { cases: true } } },
    });
    expect(employer._count.cases).toBe(8);
  });

  it("are linked once when the employer is also named as the contractor", async () => {
    const created = await createIntake(
      parse(
        intakeAt("UNPAID_WAGES", "ТОО «Сам Себе Подрядчик»", {
          chain: { contractor: { name: "Сам себе подрядчик ТОО" } },
        }),
      ),
      actor,
    );
    const links = await prisma.caseEmployer.findMany({
      where: { case: { reference: created.reference } },
      select: { role: true },
    });
    expect(links).toEqual([{ role: "EMPLOYER" }]);
  });

  it("are suggested by a fragment of the name, in any case, and by the start of the BIN", async () => {
    const bin = withCheckDigit("98765400012")!;
    await createIntake(
      parse(
        intakeAt("UNPAID_WAGES", "x", {
          employer: { name: "ТОО «Өскемен Титан»", bin, sector: "MINING_AND_METALS" },
        }),
      ),
      actor,
    );
    const names = async (query: string) =>
      (await suggestEmployers(organizer, query)).map((e) => e.name);
    expect(await names("титан")).toEqual(["ТОО «Өскемен Титан»"]);
    expect(await names("ӨСКЕМЕН")).toEqual(["ТОО «Өскемен Титан»"]);
    expect(await names("987654")).toEqual(["ТОО «Өскемен Титан»"]);
    expect(await names("987 654")).toEqual(["ТОО «Өскемен Титан»"]);
    expect(await names("9876541")).toEqual([]);
    expect(await names("98")).toEqual([]);
    expect(await names("ТОО")).toEqual([]);
    const [suggestion] = await suggestEmployers(organizer, "титан");
    expect(Object.keys(suggestion!).sort()).toEqual(["bin", "id", "name", "region", "sector"]);
  });

  it("suggests only employers of cases the caller may reach, and any employer by its complete BIN", async () => {
    const bin = withCheckDigit("55544400012")!;
    await createIntake(
      parse(
        intakeAt("UNPAID_WAGES", "x", {
          employer: { name: "ТОО «Сырдария Сервис»", bin, sector: "MINING_AND_METALS" },
        }),
      ),
      actor,
    );
    const stranger = await createUser(
      {
        email: "no-cases@example.org",
        displayName: "No Cases",
        role: "ORGANIZER",
        regions: ["ATYRAU"],
      },
      { actorId: null },
    );
    const lawyer = await createUser(
      {
        email: "no-cases-lawyer@example.org",
        displayName: "Lawyer",
        role: "LAWYER",
        regions: ["ATYRAU"],
      },
      { actorId: null },
    );
    const coordinator = {
      id: "coordinator",
      role: "COORDINATOR" as const,
      regions: ["ATYRAU" as const],
    };
    const elsewhere = {
      id: "coordinator-2",
      role: "COORDINATOR" as const,
      regions: ["ASTANA" as const],
    };
    const names = async (caller: Parameters<typeof suggestEmployers>[0], query: string) =>
      (await suggestEmployers(caller, query)).map((e) => e.name);

    expect(await names(organizer, "сырдария")).toEqual(["ТОО «Сырдария Сервис»"]);
    expect(await names(coordinator, "сырдария")).toEqual(["ТОО «Сырдария Сервис»"]);
    for (const caller of [{ ...stranger, regions: [] }, { ...lawyer, regions: [] }, elsewhere]) {
      expect(await names(caller, "сырдария")).toEqual([]);
      expect(await names(caller, bin.slice(0, 6))).toEqual([]);
      expect(await names(caller, bin)).toEqual(["ТОО «Сырдария Сервис»"]);
    }
  });

  it("treats % and _ in a search as themselves, not as wildcards", async () => {
    await createIntake(parse(intakeAt("UNPAID_WAGES", "Wildcard Test Company")), actor);
    expect(await suggestEmployers(organizer, "%%")).toEqual([]);
    expect(await suggestEmployers(organizer, "__")).toEqual([]);
    expect(await suggestEmployers(organizer, "w%d")).toEqual([]);
  });
});

describe("submitIntake", () => {
  it("refuses an employer id that is not on record, asking for the employer again, and saves nothing", async () => {
    const before = await snapshot();
    const result = await submitIntake(
      minimalIntake("UNPAID_WAGES", { employer: { id: "ckabcdefghijklmnopqrstuvw" } }),
      actor,
    );
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid")
      expect(result.fieldErrors["employer.name"]).toBe("intake.errors.employerGone");
    expect(await snapshot()).toEqual(before);
  });

  it("adds and removes workers on the form without saving anything", async () => {
    const before = await snapshot();
    const values = minimalIntake("OTHER", {
      workers: [
        namedWorker({ fullName: "A" }),
        namedWorker({ fullName: "B" }),
        namedWorker({ fullName: "C" }),
      ],
    });
    const { workers: _workers, ...rest } = values;
    const added = await submitIntake({ ...values, intent: "addWorker" }, actor);
    expect(added.kind).toBe("edited");
    expect(added.kind === "edited" && added.values).toMatchObject({
      ...rest,
      facts: values.facts,
      workers: [...(values.workers as unknown[]), {}],
    });
    const removed = await submitIntake({ ...values, intent: "removeWorker:1" }, actor);
    expect(removed.kind === "edited" && removed.values).toMatchObject({
      ...rest,
      workers: [namedWorker({ fullName: "A" }), namedWorker({ fullName: "C" })],
    });
    const fromNone = await submitIntake({ ...minimalIntake("OTHER"), intent: "addWorker" }, actor);
    expect(fromNone.kind === "edited" && fromNone.values.workers).toEqual([{}]);
    const beyond = await submitIntake({ ...values, intent: "removeWorker:99" }, actor);
    expect(beyond.kind === "edited" && beyond.values.workers).toEqual(values.workers);
    const refreshed = await submitIntake(
      { ...values, category: "FORCED_LABOR", intent: "refresh" },
      actor,
    );
    expect(refreshed.kind === "edited" && refreshed.values).toMatchObject({
      category: "FORCED_LABOR",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("stops adding workers at 500", async () => {
    const full = minimalIntake("OTHER", { workers: Array.from({ length: 500 }, () => ({})) });
    const result = await submitIntake({ ...full, intent: "addWorker" }, actor);
    expect(result.kind === "edited" && (result.values.workers as unknown[]).length).toBe(500);
  });

  it("returns field errors and the submitted values for an invalid intake, saving nothing", async () => {
    const before = await snapshot();
    const values = minimalIntake("OTHER", {
      place: "",
      workers: [namedWorker({ fullName: "Асель" })],
      intent: "save",
    });
    const { intent: _intent, ...submitted } = values;
    const result = await submitIntake(values, actor);
    expect(result).toMatchObject({
      kind: "invalid",
      values: { ...submitted, facts: values.facts },
      fieldErrors: { place: "validation.required" },
    });
    expect(result.kind === "invalid" && Object.keys(result.fieldErrors)).toEqual(["place"]);
    expect(await snapshot()).toEqual(before);
  });

  it("pauses on a case with the same worker IIN, then saves once the duplicate is confirmed", async () => {
    const iin = freshIin();
    const first = await submitIntake(
      minimalIntake("OTHER", { workers: [namedWorker({ fullName: "Асель Нурланова", iin })] }),
      actor,
    );
    expect(first.kind).toBe("created");
    const again = intakeAt("FORCED_LABOR", "Совсем Другая Компания", {
      workers: [namedWorker({ fullName: "Другое Имя", iin })],
    });
    const before = await snapshot();
    const paused = await submitIntake(again, actor);
    expect(paused).toMatchObject({
      kind: "duplicates",
      values: again,
      duplicates: [
        {
          reference: first.kind === "created" ? first.reference : "",
          category: "OTHER",
          reasons: ["sameIin"],
        },
      ],
    });
    expect(await snapshot()).toEqual(before);

    const confirmed = await submitIntake({ ...again, confirmDuplicates: "on" }, actor);
    expect(confirmed.kind).toBe("created");
    const entry = await prisma.auditEntry.findFirstOrThrow({
      where: { targetId: confirmed.kind === "created" ? confirmed.reference : "" },
    });
    expect(JSON.parse(entry.details)).toMatchObject({ duplicatesAcknowledged: true });
  });

  it("pauses on a case with the same worker's name at the same employer, written differently", async () => {
    const first = await submitIntake(
      intakeAt("UNPAID_WAGES", "ТОО «Мунай Сервис»", {
        workers: [namedWorker({ fullName: "Ержан Сапаров" })],
      }),
      actor,
    );
    const paused = await submitIntake(
      intakeAt("UNION_BUSTING", "Мунай Сервис ТОО", {
        workers: [namedWorker({ fullName: "  ЕРЖАН   сапаров " })],
      }),
      actor,
    );
    expect(paused.kind === "duplicates" && paused.duplicates).toEqual([
      {
        reference: first.kind === "created" && first.reference,
        category: "UNPAID_WAGES",
        createdAt: expect.any(Date),
        reasons: ["sameWorkerAndEmployer"],
      },
    ]);
    // The same name at another employer is someone else.
    const elsewhere = await submitIntake(
      intakeAt("UNION_BUSTING", "ТОО «Другой Сервис»", {
        workers: [namedWorker({ fullName: "Ержан Сапаров" })],
      }),
      actor,
    );
    expect(elsewhere.kind).toBe("created");
  });

  it("pauses on a case of the same category at the same employer within 90 days, not older", async () => {
    const recent = await createIntake(
      parse(intakeAt("CHILD_LABOR", "Agro Farm LLP")),
      actor,
      daysAgo(89),
    );
    await createIntake(parse(intakeAt("CHILD_LABOR", "Old Farm LLP")), actor, daysAgo(91));

    const paused = await submitIntake(intakeAt("CHILD_LABOR", "«Agro Farm»"), actor);
    expect(paused.kind === "duplicates" && paused.duplicates).toEqual([
      {
        reference: recent.reference,
        category: "CHILD_LABOR",
        createdAt: expect.any(Date),
        reasons: ["sameEmployerAndCategory"],
      },
    ]);
    expect((await submitIntake(intakeAt("CHILD_LABOR", "Old Farm"), actor)).kind).toBe("created");
    expect((await submitIntake(intakeAt("MIGRANT_ABUSE", "Agro Farm"), actor)).kind).toBe(
      "created",
    );
  });

  it("names every reason a case matched, once", async () => {
    const iin = freshIin();
    const values = intakeAt("STRIKE_PENALTIES", "ТОО «Все Причины»", {
      workers: [namedWorker({ fullName: "Бауыржан Ким", iin })],
    });
    const first = await submitIntake(values, actor);
    const paused = await submitIntake(values, actor);
    expect(paused.kind === "duplicates" && paused.duplicates).toEqual([
      {
        reference: first.kind === "created" && first.reference,
        category: "STRIKE_PENALTIES",
        createdAt: expect.any(Date),
        reasons: ["sameIin", "sameWorkerAndEmployer", "sameEmployerAndCategory"],
      },
    ]);
  });
});

describe("findPossibleDuplicates", () => {
  it("returns references and reasons, never another case's worker identities", async () => {
    const iin = freshIin();
    const worker = namedWorker({
      fullName: "Гульнара Секретная",
      iin,
      phone: "+7 777 000 11 22",
      address: "Атырау, ул. Тайная 1",
    });
    await createIntake(
      parse(intakeAt("MIGRANT_ABUSE", "ТОО «Тайна»", { workers: [worker] })),
      actor,
    );
    const found = await findPossibleDuplicates(
      parse(
        intakeAt("MIGRANT_ABUSE", "Тайна", {
          workers: [namedWorker({ fullName: "Гульнара Секретная", iin })],
        }),
      ),
    );
    expect(found).toHaveLength(1);
    expect(Object.keys(found[0]!).sort()).toEqual([
      "category",
      "createdAt",
      "reasons",
      "reference",
    ]);
    const serialized = JSON.stringify(found);
    for (const secret of ["Гульнара", "Секретная", iin, "7770001122", "Тайная"]) {
      expect(serialized).not.toContain(secret);
    }
  });
});
