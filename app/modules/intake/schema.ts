// The intake form's one schema, used by react-hook-form in the browser and by
// the action on the server (the authority). Messages are translation keys.
import { REGIONS } from "~/modules/regions/regions";
import {
  checkbox,
  choices,
  optionalAmount,
  optionalChoice,
  optionalDate,
  optionalInt,
  optionalLongText,
  optionalText,
  preprocess,
  requiredAmount,
  requiredChoice,
  requiredDate,
  requiredDateTime,
  requiredInt,
  requiredLongText,
  requiredText,
} from "~/utils/schema-primitives";
// zod-config first (a bare import, so that the bundler keeps its side effect before any schema is built).
import "~/utils/zod-config";
import * as z from "zod/mini";
import {
  CHANNELS,
  CITIZENSHIPS,
  CURRENCIES,
  GENDERS,
  HARM_KINDS,
  ILO_INDICATORS,
  LIMITS,
  SECTORS,
  SEVERITIES,
  STRIKE_PENALTIES,
  TRI_STATE,
  UNION_BUSTING_ACTIONS,
  URGENCIES,
  VIOLENCE_KINDS,
} from "./categories";
import { isValidBin, isValidIin, normalizePhone } from "./identifiers";

const MAX_AMOUNT = LIMITS.amountMajorExclusive;
const count = (min: number) => requiredInt(min, LIMITS.unnamedWorkers);

const iin = preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s/g, "") || undefined : v),
  z.optional(
    z
      .string()
      .check(
        z.regex(/^\d{12}$/, "validation.iinFormat"),
        z.refine(isValidIin, "validation.iinChecksum"),
      ),
  ),
);
const bin = preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s/g, "") || undefined : v),
  z.optional(
    z
      .string()
      .check(
        z.regex(/^\d{12}$/, "validation.binFormat"),
        z.refine(isValidBin, "validation.binChecksum"),
      ),
  ),
);
const phone = preprocess(
  (v) =>
    typeof v === "string" ? (v.trim() === "" ? undefined : (normalizePhone(v) ?? "invalid")) : v,
  z.optional(z.string().check(z.regex(/^\+\d{8,15}$/, "validation.phone"))),
);

// ---- Category facts ----------------------------------------------------

export const factsSchemas = {
  UNPAID_WAGES: z.object({
    periodStart: requiredDate(),
    periodEnd: optionalDate(),
    amountOwed: requiredAmount(MAX_AMOUNT),
    currency: requiredChoice(CURRENCIES),
    workersAffected: count(1),
    offTheBooks: checkbox(),
  }),
  FORCED_LABOR: z.object({
    indicators: z.pipe(
      choices(ILO_INDICATORS),
      z.array(z.enum(ILO_INDICATORS)).check(z.minLength(1, "validation.chooseOne")),
    ),
    canLeave: requiredChoice(TRI_STATE),
    documentsHeldBy: optionalText(LIMITS.shortText),
    ongoing: checkbox(),
  }),
  UNSAFE_CONDITIONS: z.object({
    kind: requiredChoice(HARM_KINDS),
    eventDate: requiredDate(),
    severity: requiredChoice(SEVERITIES),
    peopleHarmed: requiredInt(0, LIMITS.unnamedWorkers),
    reportedToInspectorate: requiredChoice(TRI_STATE),
    employerResponse: optionalLongText(LIMITS.mediumText),
  }),
  DETAINED_ACTIVIST: z.object({
    personRole: requiredText(LIMITS.shortText),
    detainedAt: requiredDateTime(),
    detainedWhere: requiredText(LIMITS.shortText),
    authority: requiredText(LIMITS.shortText),
    charges: optionalText(500),
    court: optionalText(LIMITS.shortText),
    lawyerHasAccess: requiredChoice(TRI_STATE),
    familyInformed: requiredChoice(TRI_STATE),
    violence: choices(VIOLENCE_KINDS),
  }),
  UNION_BUSTING: z.object({
    actions: z.pipe(
      choices(UNION_BUSTING_ACTIONS),
      z.array(z.enum(UNION_BUSTING_ACTIONS)).check(z.minLength(1, "validation.chooseOne")),
    ),
    unionName: optionalText(LIMITS.shortText),
    workersAffected: count(1),
    violence: choices(VIOLENCE_KINDS),
  }),
  STRIKE_PENALTIES: z.object({
    strikeDate: requiredDate(),
    declaredIllegalBy: optionalText(LIMITS.shortText),
    penalties: z.pipe(
      choices(STRIKE_PENALTIES),
      z.array(z.enum(STRIKE_PENALTIES)).check(z.minLength(1, "validation.chooseOne")),
    ),
    finesAmount: optionalAmount(MAX_AMOUNT),
    currency: requiredChoice(CURRENCIES),
    peopleDismissed: optionalInt(0, LIMITS.unnamedWorkers),
    peopleJailed: optionalInt(0, LIMITS.unnamedWorkers),
    violence: choices(VIOLENCE_KINDS),
  }),
  CHILD_LABOR: z.object({
    childrenCount: count(1),
    youngestAge: optionalInt(3, 17),
    work: optionalLongText(LIMITS.mediumText),
    hazardous: checkbox(),
  }),
  MIGRANT_ABUSE: z.object({
    countryOfOrigin: optionalChoice(CITIZENSHIPS),
    passportConfiscated: checkbox(),
    journeyHomeUnpaid: checkbox(),
    recruitmentFeeCharged: checkbox(),
  }),
  OTHER: z.object({
    summary: requiredText(LIMITS.shortText),
  }),
} as const;

export type CategoryFacts = {
  [C in keyof typeof factsSchemas]: z.output<(typeof factsSchemas)[C]>;
};

// ---- Workers -----------------------------------------------------------

const currentYear = new Date().getUTCFullYear();

/** A worker's fields, before the rules across them (`checkWorker`). */
export const workerFields = z.object({
  anonymous: checkbox(),
  fullName: optionalText(LIMITS.name),
  iin,
  phone,
  address: optionalText(500),
  contactNotes: optionalLongText(1000),
  yearOfBirth: optionalInt(1920, currentYear - 5),
  gender: optionalChoice(GENDERS),
  citizenship: optionalChoice(CITIZENSHIPS),
  occupation: optionalText(LIMITS.shortText),
  unionMember: optionalChoice(TRI_STATE),
  consentToStore: checkbox(),
  consentToContact: checkbox(),
  consentToShare: checkbox(),
  consentToCiteAnonymously: checkbox(),
  consentToBeNamed: checkbox(),
});

/**
 * The rules across a worker's fields. `nameKept`: the edit form keeps a stored name that cannot
 * be read (docs/decisions/0043), so a named worker may leave the name field empty.
 */
export function checkWorker(
  worker: z.output<typeof workerFields>,
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void },
  { nameKept = false }: { nameKept?: boolean } = {},
) {
  const identity = [worker.fullName, worker.iin, worker.phone, worker.address, worker.contactNotes];
  if (worker.anonymous) {
    if (identity.some(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["fullName"],
        message: "intake.errors.anonymousHasIdentity",
      });
    }
    return;
  }
  if (!worker.fullName && !nameKept)
    ctx.addIssue({
      code: "custom",
      path: ["fullName"],
      message: "intake.errors.nameOrAnonymous",
    });
  if (!worker.consentToStore) {
    ctx.addIssue({
      code: "custom",
      path: ["consentToStore"],
      message: "intake.errors.consentToStoreRequired",
    });
  }
}

export const workerSchema = workerFields.check(
  z.superRefine((worker, ctx) => checkWorker(worker, ctx)),
);

export type WorkerInput = z.output<typeof workerSchema>;

// ---- Employer and chain ------------------------------------------------

const chainLink = z.object({ name: optionalText(LIMITS.name), bin }).check(
  z.superRefine((link, ctx) => {
    if (link.bin && !link.name)
      ctx.addIssue({ code: "custom", path: ["name"], message: "validation.required" });
  }),
);

const employerSchema = z.object({
  id: preprocess(
    (v) => (v === "" ? undefined : v),
    z.optional(z.string().check(z.regex(/^[a-z0-9]{20,32}$/))),
  ),
  name: optionalText(LIMITS.name),
  bin,
  sector: optionalChoice(SECTORS),
  region: optionalChoice(REGIONS),
});

// ---- The whole intake --------------------------------------------------

const common = {
  incidentStart: requiredDate(),
  incidentEnd: optionalDate(),
  region: requiredChoice(REGIONS),
  place: requiredText(LIMITS.shortText),
  channel: requiredChoice(CHANNELS),
  account: requiredLongText(LIMITS.account),
  /** Empty means "as the rules suggest". */
  urgency: optionalChoice(URGENCIES),
  workers: preprocess(
    (v) => (v === undefined ? [] : v),
    z.array(workerSchema).check(z.maxLength(LIMITS.namedWorkers)),
  ),
  unnamedWorkerCount: preprocess(
    (v) => (v === undefined || v === "" ? 0 : v),
    requiredInt(0, LIMITS.unnamedWorkers),
  ),
  employer: preprocess((v) => v ?? {}, employerSchema),
  chain: preprocess(
    (v) => v ?? {},
    z.object({
      contractor: preprocess((v) => v ?? {}, chainLink),
      parentCompany: preprocess((v) => v ?? {}, chainLink),
      recruitmentAgency: preprocess((v) => v ?? {}, chainLink),
    }),
  ),
  confirmDuplicates: checkbox(),
};

const variant = <C extends keyof typeof factsSchemas>(category: C) =>
  z.object({
    ...common,
    category: z.literal(category),
    facts: preprocess((v) => v ?? {}, factsSchemas[category]),
  });

/** Categories where the complaint need not name an employer. */
export const EMPLOYER_OPTIONAL = new Set(["DETAINED_ACTIVIST", "OTHER"]);

/**
 * Rules that span fields. zod runs an object's refinements only when every
 * field parsed, so these are also checked on raw values: a person filling the
 * form sees them alongside the field errors, step by step.
 */
export function intakeCrossChecks(
  values: Record<string, unknown>,
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const facts = (values.facts ?? {}) as Record<string, unknown>;
  const employer = (values.employer ?? {}) as Record<string, unknown>;
  const workers = Array.isArray(values.workers) ? values.workers : [];
  const unnamed = Number(values.unnamedWorkerCount || 0);

  if (
    text(values.incidentEnd) &&
    text(values.incidentStart) &&
    text(values.incidentEnd) < text(values.incidentStart)
  ) {
    issues.push({ path: "incidentEnd", message: "validation.endBeforeStart" });
  }
  if (
    values.category === "UNPAID_WAGES" &&
    text(facts.periodEnd) &&
    text(facts.periodStart) &&
    text(facts.periodEnd) < text(facts.periodStart)
  ) {
    issues.push({ path: "facts.periodEnd", message: "validation.endBeforeStart" });
  }
  if (workers.length === 0 && (!Number.isFinite(unnamed) || unnamed === 0)) {
    issues.push({ path: "unnamedWorkerCount", message: "intake.errors.noWorkers" });
  }
  const category = typeof values.category === "string" ? values.category : "";
  if (category && !EMPLOYER_OPTIONAL.has(category) && !text(employer.id) && !text(employer.name)) {
    issues.push({ path: "employer.name", message: "validation.required" });
  }
  if (text(employer.name) && !text(employer.id) && !text(employer.sector)) {
    issues.push({ path: "employer.sector", message: "validation.required" });
  }
  return issues;
}

export const intakeSchema = z
  .discriminatedUnion("category", [
    variant("UNPAID_WAGES"),
    variant("FORCED_LABOR"),
    variant("UNSAFE_CONDITIONS"),
    variant("DETAINED_ACTIVIST"),
    variant("UNION_BUSTING"),
    variant("STRIKE_PENALTIES"),
    variant("CHILD_LABOR"),
    variant("MIGRANT_ABUSE"),
    variant("OTHER"),
  ])
  .check(
    z.superRefine((intake, ctx) => {
      for (const issue of intakeCrossChecks(intake)) {
        ctx.addIssue({ code: "custom", path: issue.path.split("."), message: issue.message });
      }
    }),
  );

/** The schema's verdict plus the cross-field rules, all at once: for the server and the browser alike. */
export function validateIntake(values: Record<string, unknown>) {
  const parsed = intakeSchema.safeParse(values);
  if (parsed.success) return { success: true as const, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".") || "form"] ??= issue.message;
  for (const issue of intakeCrossChecks(values)) errors[issue.path] ??= issue.message;
  return { success: false as const, errors };
}

export type IntakeInput = z.output<typeof intakeSchema>;

// The stepper's steps live in ./steps (no zod), so the intake page loads zod only when it validates.
export { INTAKE_STEPS, stepFields } from "./steps";
