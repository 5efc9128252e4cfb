import { describe, expect, it } from "vitest";
import { todayInKazakhstan } from "~/utils/time";
import {
  MINIMAL_FACTS,
  minimalIntake,
  namedWorker,
  type Category,
  type IntakeValues,
} from "../../../tests/fixtures/intake";
import { CATEGORIES } from "./categories";
import { intakeSchema, validateIntake, type IntakeInput } from "./schema";
import { effectiveUrgency, suggestUrgency } from "./urgency";

function parse(values: IntakeValues): IntakeInput {
  const result = validateIntake(values);
  if (!result.success)
    throw new Error(`expected a valid intake, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

function errorsOf(values: IntakeValues): Record<string, string> {
  const result = validateIntake(values);
  if (result.success) throw new Error("expected the intake to be refused");
  return result.errors;
}

const withFacts = (category: Category, facts: Record<string, unknown>) =>
  minimalIntake(category, { facts: { ...MINIMAL_FACTS[category], ...facts } });

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

describe("a minimal intake", () => {
  it.each(CATEGORIES)("is accepted for %s", (category) => {
    const intake = parse(minimalIntake(category));
    expect(intake.category).toBe(category);
    expect(intake.unnamedWorkerCount).toBe(5);
    expect(intakeSchema.safeParse(minimalIntake(category)).success).toBe(true);
  });

  it("needs no employer for a detained activist or an 'other' complaint, and one for the rest", () => {
    for (const category of CATEGORIES) {
      const { employer: _employer, ...withoutEmployer } = minimalIntake(category);
      const result = validateIntake(withoutEmployer);
      if (category === "DETAINED_ACTIVIST" || category === "OTHER") {
        expect(result.success, category).toBe(true);
      } else {
        expect(result.success ? {} : result.errors, category).toEqual({
          "employer.name": "validation.required",
        });
      }
    }
  });

  it("asks for the sector of an employer not yet known", () => {
    expect(errorsOf(minimalIntake("UNPAID_WAGES", { employer: { name: "Стройка" } }))).toEqual({
      "employer.sector": "validation.required",
    });
  });

  it("refuses an unknown or missing category", () => {
    expect(errorsOf(minimalIntake("OTHER", { category: "THEFT" }))).toHaveProperty("category");
    expect(errorsOf(minimalIntake("OTHER", { category: undefined }))).toHaveProperty("category");
    expect(errorsOf(minimalIntake("OTHER", { category: "other" }))).toHaveProperty("category");
  });

  it("drops fields the form does not have instead of passing them on", () => {
    const intake = parse(
      minimalIntake("OTHER", {
        organizerId: "someone-else",
        status: "CLOSED",
        facts: { summary: "Camp closed", sqlInjection: '\'; DROP TABLE "Case"; --' },
        workers: [namedWorker({ isAdmin: "on" })],
      }),
    );
    expect(intake).not.toHaveProperty("organizerId");
    expect(intake).not.toHaveProperty("status");
    expect(intake.facts).toEqual({ summary: "Camp closed" });
    expect(intake.workers[0]).not.toHaveProperty("isAdmin");
  });
});

describe("category facts", () => {
  const required: Record<Category, string[]> = {
    UNPAID_WAGES: ["periodStart", "amountOwed", "currency", "workersAffected"],
    FORCED_LABOR: ["indicators", "canLeave"],
    UNSAFE_CONDITIONS: ["kind", "eventDate", "severity", "peopleHarmed", "reportedToInspectorate"],
    DETAINED_ACTIVIST: [
      "personRole",
      "detainedAt",
      "detainedWhere",
      "authority",
      "lawyerHasAccess",
      "familyInformed",
    ],
    UNION_BUSTING: ["actions", "workersAffected"],
    STRIKE_PENALTIES: ["strikeDate", "penalties", "currency"],
    CHILD_LABOR: ["childrenCount"],
    MIGRANT_ABUSE: [],
    OTHER: ["summary"],
  };

  it.each(CATEGORIES)("names each missing fact of %s next to its field", (category) => {
    for (const fact of required[category]) {
      const { [fact]: _dropped, ...facts } = MINIMAL_FACTS[category];
      const errors = errorsOf(minimalIntake(category, { facts }));
      expect(Object.keys(errors), `${category}.${fact}`).toEqual([`facts.${fact}`]);
    }
    // Blank, as an empty form field posts it, is missing too.
    for (const fact of required[category]) {
      const errors = errorsOf(withFacts(category, { [fact]: "" }));
      expect(Object.keys(errors), `${category}.${fact}=""`).toEqual([`facts.${fact}`]);
    }
  });

  it("asks a forced-labour intake for at least one ILO indicator, and only known ones", () => {
    expect(errorsOf(withFacts("FORCED_LABOR", { indicators: [] }))).toEqual({
      "facts.indicators": "validation.chooseOne",
    });
    expect(errorsOf(withFacts("FORCED_LABOR", { indicators: ["BEING_SAD"] }))).toHaveProperty(
      "facts.indicators.0",
    );
    const several = parse(
      withFacts("FORCED_LABOR", { indicators: ["DEBT_BONDAGE", "ISOLATION"], ongoing: "on" }),
    );
    expect(several.facts).toMatchObject({
      indicators: ["DEBT_BONDAGE", "ISOLATION"],
      ongoing: true,
    });
    // One checked box posts a single value, not a list.
    expect(parse(withFacts("FORCED_LABOR", { indicators: "DECEPTION" })).facts).toMatchObject({
      indicators: ["DECEPTION"],
    });
  });

  it("refuses a choice outside the category's list", () => {
    expect(errorsOf(withFacts("UNSAFE_CONDITIONS", { severity: "CATASTROPHIC" }))).toEqual({
      "facts.severity": "validation.choose",
    });
    expect(errorsOf(withFacts("UNPAID_WAGES", { currency: "BTC" }))).toEqual({
      "facts.currency": "validation.choose",
    });
  });

  it("keeps a wage period's end on or after its start", () => {
    expect(
      errorsOf(withFacts("UNPAID_WAGES", { periodStart: "2025-09-01", periodEnd: "2025-08-31" })),
    ).toEqual({ "facts.periodEnd": "validation.endBeforeStart" });
    expect(
      parse(withFacts("UNPAID_WAGES", { periodStart: "2025-09-01", periodEnd: "2025-09-01" })),
    ).toBeTruthy();
  });
});

describe("limits", () => {
  it("accepts names up to 200 characters and refuses longer", () => {
    const at = (length: number) =>
      validateIntake(
        minimalIntake("OTHER", { workers: [namedWorker({ fullName: "Ә".repeat(length) })] }),
      );
    expect(at(200).success).toBe(true);
    expect(at(201)).toEqual({
      success: false,
      errors: { "workers.0.fullName": 'validation.tooLong|{"max":200}' },
    });
    const employer = (length: number) =>
      validateIntake(
        minimalIntake("UNPAID_WAGES", {
          employer: { name: "Б".repeat(length), sector: "CONSTRUCTION" },
        }),
      );
    expect(employer(200).success).toBe(true);
    expect(employer(201).success).toBe(false);
  });

  it("accepts an account up to 20 000 characters and refuses longer", () => {
    expect(parse(minimalIntake("OTHER", { account: "а".repeat(20_000) })).account).toHaveLength(
      20_000,
    );
    expect(errorsOf(minimalIntake("OTHER", { account: "а".repeat(20_001) }))).toEqual({
      account: 'validation.tooLong|{"max":20000}',
    });
  });

  it("accepts 500 named workers and refuses 501", () => {
    const workers = (n: number) =>
      Array.from({ length: n }, (_, i) => namedWorker({ fullName: `Worker ${i}` }));
    expect(parse(minimalIntake("OTHER", { workers: workers(500) })).workers).toHaveLength(500);
    expect(errorsOf(minimalIntake("OTHER", { workers: workers(501) }))).toEqual({
      workers: 'validation.tooMany|{"max":500}',
    });
  });

  it("accepts up to 100 000 unnamed workers and refuses more, fractions and negatives", () => {
    expect(parse(minimalIntake("OTHER", { unnamedWorkerCount: "100000" })).unnamedWorkerCount).toBe(
      100_000,
    );
    for (const count of ["100001", "-1", "2.5", "1e3", "ten", "99999999999999999999"]) {
      expect(errorsOf(minimalIntake("OTHER", { unnamedWorkerCount: count })), count).toHaveProperty(
        "unnamedWorkerCount",
      );
    }
  });

  it("keeps amounts exact in minor units, above 0 and below 10^12 major units", () => {
    const owed = (amountOwed: unknown) => validateIntake(withFacts("UNPAID_WAGES", { amountOwed }));
    const minor = (amountOwed: unknown) => {
      const result = owed(amountOwed);
      if (!result.success) throw new Error(JSON.stringify(result.errors));
      return (result.data.facts as { amountOwed: number }).amountOwed;
    };
    expect(minor("1 250 000,50")).toBe(125_000_050);
    expect(minor("1250000")).toBe(125_000_000);
    expect(minor("0,01")).toBe(1);
    expect(minor("999 999 999 999,99")).toBe(99_999_999_999_999);
    expect(minor(1250000.5)).toBe(125_000_050);

    expect(owed("1 000 000 000 000")).toEqual({
      success: false,
      errors: { "facts.amountOwed": "validation.amountTooLarge" },
    });
    expect(owed("0")).toEqual({
      success: false,
      errors: { "facts.amountOwed": "validation.amountPositive" },
    });
    for (const bad of ["-5", "12,345", "1.234,56", "1e6", "NaN", "Infinity", 0.1 + 0.2]) {
      expect(owed(bad).success, String(bad)).toBe(false);
    }
  });

  it("refuses dates after today in Kazakhstan, and accepts today", () => {
    const today = todayInKazakhstan();
    const tomorrow = dayAfter(today);
    expect(parse(minimalIntake("OTHER", { incidentStart: today })).incidentStart).toBe(today);
    expect(errorsOf(minimalIntake("OTHER", { incidentStart: tomorrow }))).toEqual({
      incidentStart: "validation.notInFuture",
    });
    expect(errorsOf(withFacts("DETAINED_ACTIVIST", { detainedAt: `${tomorrow}T00:01` }))).toEqual({
      "facts.detainedAt": "validation.notInFuture",
    });
  });

  it("refuses dates that do not exist or are not dates", () => {
    for (const date of [
      "2025-02-29",
      "2025-13-01",
      "2025-04-31",
      "1949-12-31",
      "01.10.2025",
      "2025-1-1",
    ]) {
      expect(errorsOf(minimalIntake("OTHER", { incidentStart: date })), date).toEqual({
        incidentStart: "validation.date",
      });
    }
  });

  it("refuses an incident that ends before it starts", () => {
    expect(
      errorsOf(minimalIntake("OTHER", { incidentStart: "2025-10-02", incidentEnd: "2025-10-01" })),
    ).toEqual({ incidentEnd: "validation.endBeforeStart" });
  });
});

describe("workers", () => {
  it("needs a named worker's consent to keep their details", () => {
    expect(
      errorsOf(minimalIntake("OTHER", { workers: [namedWorker({ consentToStore: "" })] })),
    ).toEqual({ "workers.0.consentToStore": "intake.errors.consentToStoreRequired" });
  });

  it("refuses an anonymous worker who was given a name, IIN or phone", () => {
    for (const identity of [
      { fullName: "Ержан Сапаров" },
      { phone: "+7 701 123 45 67" },
      { address: "Жанаозен, мкр. 3" },
    ]) {
      expect(
        errorsOf(minimalIntake("OTHER", { workers: [{ anonymous: "on", ...identity }] })),
      ).toEqual({ "workers.0.fullName": "intake.errors.anonymousHasIdentity" });
    }
    expect(
      parse(minimalIntake("OTHER", { workers: [{ anonymous: "on" }] })).workers[0],
    ).toMatchObject({
      anonymous: true,
    });
  });

  it("needs a name unless the worker is anonymous", () => {
    expect(
      errorsOf(
        minimalIntake("OTHER", { workers: [{ consentToStore: "on", occupation: "welder" }] }),
      ),
    ).toEqual({ "workers.0.fullName": "intake.errors.nameOrAnonymous" });
  });

  it("checks a worker's IIN and phone and keeps them in one form", () => {
    const [worker] = parse(
      minimalIntake("OTHER", {
        workers: [namedWorker({ iin: "900101 000906", phone: "8 (701) 123-45-67" })],
      }),
    ).workers;
    expect(worker).toMatchObject({ iin: "900101000906", phone: "+77011234567" });
    expect(
      errorsOf(minimalIntake("OTHER", { workers: [namedWorker({ iin: "900101000907" })] })),
    ).toEqual({ "workers.0.iin": "validation.iinChecksum" });
    expect(
      errorsOf(minimalIntake("OTHER", { workers: [namedWorker({ phone: "ask at the gate" })] })),
    ).toEqual({ "workers.0.phone": "validation.phone" });
  });

  it("reports no workers at all together with the other mistakes", () => {
    const { unnamedWorkerCount: _count, ...noWorkers } = minimalIntake("OTHER");
    expect(errorsOf(noWorkers)).toEqual({ unnamedWorkerCount: "intake.errors.noWorkers" });
    expect(errorsOf({ ...noWorkers, unnamedWorkerCount: "0", workers: [] })).toEqual({
      unnamedWorkerCount: "intake.errors.noWorkers",
    });
    // zod skips the intake's own refinement when a field fails; validateIntake still applies those rules.
    expect(
      errorsOf({ ...noWorkers, place: "", incidentStart: "2025-10-02", incidentEnd: "2025-10-01" }),
    ).toEqual({
      place: "validation.required",
      unnamedWorkerCount: "intake.errors.noWorkers",
      incidentEnd: "validation.endBeforeStart",
    });
  });
});

describe("text as typed", () => {
  it("strips control and invisible characters from what was typed", () => {
    const intake = parse(
      minimalIntake("OTHER", {
        place: "Тенгиз\u0000\u0007 лагерь\u200b №3\u202e",
        account: "Первая строка\r\nвторая\u0000 строка\u200d\tс табуляцией\u2066",
        workers: [namedWorker({ fullName: "Айге\u200bрим\u200c Сапарова\ufeff" })],
      }),
    );
    expect(intake.place).toBe("Тенгиз лагерь №3");
    expect(intake.account).toBe("Первая строка\nвторая строка\tс табуляцией");
    expect(intake.workers[0]!.fullName).toBe("Айгерим Сапарова");
  });

  it("composes a letter typed as base and accent into one character (NFC)", () => {
    const typedInParts = "Аи\u0306герим Се\u0308мка, Cafe\u0301";
    const [worker] = parse(
      minimalIntake("OTHER", { workers: [namedWorker({ fullName: typedInParts })] }),
    ).workers;
    expect(worker!.fullName).toBe("Айгерим Сёмка, Café");
    expect(worker!.fullName).toHaveLength(typedInParts.length - 3);
    expect(worker!.fullName).toContain("\u0439"); // й
    expect(worker!.fullName).toContain("\u0451"); // ё
    expect(worker!.fullName).toContain("\u00e9"); // é
    // Cyrillic е with an acute has no single character: it stays as typed, still one form.
    const [stressed] = parse(
      minimalIntake("OTHER", { workers: [namedWorker({ fullName: "Ерме\u0301к" })] }),
    ).workers;
    expect(stressed!.fullName).toBe("Ерме\u0301к".normalize("NFC"));
  });

  it("treats a field of only spaces or invisible characters as empty", () => {
    expect(errorsOf(minimalIntake("OTHER", { place: " \u200b\u0000 " }))).toEqual({
      place: "validation.required",
    });
  });

  it("refuses a single-value field sent several times", () => {
    expect(errorsOf(minimalIntake("OTHER", { place: ["a", "b"] }))).toEqual({
      place: "validation.invalid",
    });
    expect(
      errorsOf(minimalIntake("OTHER", { incidentStart: ["2025-10-01", "2025-10-01"] })),
    ).toHaveProperty("incidentStart");
    expect(errorsOf(minimalIntake("OTHER", { region: ["ATYRAU", "ASTANA"] }))).toHaveProperty(
      "region",
    );
    expect(
      errorsOf(minimalIntake("OTHER", { workers: [namedWorker({ fullName: ["A", "B"] })] })),
    ).toHaveProperty("workers.0.fullName");
    expect(errorsOf(minimalIntake("OTHER", { category: ["OTHER", "OTHER"] }))).toHaveProperty(
      "category",
    );
  });
});

describe("urgency", () => {
  it("is always urgent for a detained activist, whatever was chosen", () => {
    const input = { category: "DETAINED_ACTIVIST", facts: {} };
    expect(suggestUrgency(input)).toBe("URGENT");
    expect(effectiveUrgency({ ...input, urgency: "NORMAL" })).toBe("URGENT");
    const parsed = parse(minimalIntake("DETAINED_ACTIVIST", { urgency: "NORMAL" }));
    expect(parsed.urgency).toBe("NORMAL");
    expect(effectiveUrgency(parsed)).toBe("URGENT");
  });

  it("suggests urgent for forced labour that is ongoing or that the worker cannot leave", () => {
    const forced = (facts: Record<string, unknown>) =>
      suggestUrgency({ category: "FORCED_LABOR", facts });
    expect(forced({ ongoing: true, canLeave: "YES" })).toBe("URGENT");
    expect(forced({ ongoing: "on" })).toBe("URGENT");
    expect(forced({ canLeave: "NO" })).toBe("URGENT");
    expect(forced({ ongoing: false, canLeave: "UNKNOWN" })).toBe("NORMAL");
    expect(forced({ ongoing: "off", canLeave: "YES" })).toBe("NORMAL");
  });

  it("suggests urgent for unsafe conditions that killed or seriously harmed someone", () => {
    const unsafe = (severity: string) =>
      suggestUrgency({ category: "UNSAFE_CONDITIONS", facts: { severity } });
    expect(unsafe("FATAL")).toBe("URGENT");
    expect(unsafe("SERIOUS")).toBe("URGENT");
    expect(unsafe("MINOR")).toBe("NORMAL");
    expect(unsafe("NONE_YET")).toBe("NORMAL");
  });

  it("suggests urgent for violence against unionists or strikers, and keeps what was chosen", () => {
    expect(
      suggestUrgency({ category: "UNION_BUSTING", facts: { violence: ["THREATS_TO_LIFE"] } }),
    ).toBe("URGENT");
    expect(suggestUrgency({ category: "STRIKE_PENALTIES", facts: { violence: "KILLING" } })).toBe(
      "URGENT",
    );
    expect(suggestUrgency({ category: "UNION_BUSTING", facts: { violence: [] } })).toBe("NORMAL");
    const parsed = parse(withFacts("UNION_BUSTING", { violence: ["ASSAULT", "KILLING"] }));
    expect(parsed.facts).toMatchObject({ violence: ["ASSAULT", "KILLING"] });
    expect(errorsOf(withFacts("UNION_BUSTING", { violence: ["BEATEN_UP"] }))).toHaveProperty([
      "facts.violence.0",
    ]);
  });

  it("suggests high for hazardous child labour, normal otherwise", () => {
    expect(suggestUrgency({ category: "CHILD_LABOR", facts: { hazardous: true } })).toBe("HIGH");
    expect(suggestUrgency({ category: "CHILD_LABOR", facts: { hazardous: false } })).toBe("NORMAL");
    for (const category of [
      "UNPAID_WAGES",
      "UNION_BUSTING",
      "STRIKE_PENALTIES",
      "MIGRANT_ABUSE",
      "OTHER",
    ]) {
      expect(
        suggestUrgency({ category, facts: { ongoing: true, severity: "FATAL", hazardous: true } }),
        category,
      ).toBe("NORMAL");
    }
    expect(suggestUrgency({ category: "OTHER" })).toBe("NORMAL");
  });

  it("lets the organizer's choice win over the suggestion, except for a detained activist", () => {
    expect(
      effectiveUrgency({ category: "FORCED_LABOR", facts: { canLeave: "NO" }, urgency: "NORMAL" }),
    ).toBe("NORMAL");
    expect(effectiveUrgency({ category: "OTHER", facts: {}, urgency: "HIGH" })).toBe("HIGH");
    expect(effectiveUrgency({ category: "CHILD_LABOR", facts: { hazardous: true } })).toBe("HIGH");
    const parsed = parse(withFacts("UNSAFE_CONDITIONS", { severity: "FATAL" }));
    expect(parsed.urgency).toBeUndefined();
    expect(effectiveUrgency(parsed)).toBe("URGENT");
    expect(effectiveUrgency({ ...parsed, urgency: "HIGH" })).toBe("HIGH");
  });
});
