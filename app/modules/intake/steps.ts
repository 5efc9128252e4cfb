// The intake stepper's steps and their fields. Free of zod: the intake page
// shows the stepper at once and loads the schema (zod) when it first validates.
const WORKER_FACT_FIELDS = [
  "anonymous",
  "fullName",
  "iin",
  "phone",
  "address",
  "contactNotes",
  "yearOfBirth",
  "gender",
  "citizenship",
  "occupation",
  "unionMember",
];
const WORKER_CONSENT_FIELDS = [
  "consentToStore",
  "consentToContact",
  "consentToShare",
  "consentToCiteAnonymously",
  "consentToBeNamed",
];

/** The stepper's steps, in order; "workers.*" fields repeat for each worker on the form. */
export const INTAKE_STEPS = [
  { id: "category", fields: ["category", "facts", "urgency"] },
  {
    id: "workers",
    fields: [...WORKER_FACT_FIELDS.map((f) => `workers.*.${f}`), "unnamedWorkerCount"],
  },
  {
    id: "employer",
    fields: ["employer", "chain", "region", "place", "incidentStart", "incidentEnd", "channel"],
  },
  { id: "account", fields: ["account"] },
  { id: "consent", fields: WORKER_CONSENT_FIELDS.map((f) => `workers.*.${f}`) },
  { id: "review", fields: [] },
] as const;

/** A step's field paths for a form with `workerCount` workers. */
export function stepFields(stepIndex: number, workerCount: number): string[] {
  const step = INTAKE_STEPS[stepIndex];
  if (!step) return [];
  return step.fields.flatMap((field: string) =>
    field.startsWith("workers.*.")
      ? Array.from({ length: workerCount }, (_, i) => field.replace("*", String(i)))
      : [field],
  );
}
