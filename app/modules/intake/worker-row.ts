// A worker as typed (the intake's and the case file's worker form) → the rows
// they are stored as: the one mapping (docs/decisions/0017). An anonymous
// worker has no identity row at all.
import type { WorkerInput } from "./schema";

export function workerRow(worker: WorkerInput) {
  return {
    facts: {
      anonymous: worker.anonymous,
      yearOfBirth: worker.yearOfBirth ?? null,
      gender: worker.gender ?? null,
      citizenship: worker.citizenship ?? null,
      occupation: worker.occupation ?? null,
      unionMember:
        worker.unionMember === undefined || worker.unionMember === "UNKNOWN"
          ? null
          : worker.unionMember === "YES",
      consentToStore: worker.consentToStore,
      consentToContact: worker.consentToContact,
      consentToShare: worker.consentToShare,
      consentToCiteAnonymously: worker.consentToCiteAnonymously,
      // Only a named worker can be named publicly.
      consentToBeNamed: !worker.anonymous && worker.consentToBeNamed,
    },
    // The schema requires a name for a worker who is not anonymous.
    identity:
      worker.anonymous || !worker.fullName
        ? null
        : {
            fullName: worker.fullName,
            iin: worker.iin ?? null,
            phone: worker.phone ?? null,
            address: worker.address ?? null,
            contactNotes: worker.contactNotes ?? null,
          },
  };
}

/** The worker as a nested create: the facts, and the identity row when named. */
export function workerCreate(worker: WorkerInput) {
  const { facts, identity } = workerRow(worker);
  return { ...facts, ...(identity ? { identity: { create: identity } } : {}) };
}
