// A worker as typed (the intake's and the case file's worker form) → the rows
// they are stored as: the one mapping (docs/decisions/0017). An anonymous
// worker has no identity row at all; a named worker's identity is stored
// sealed with the case key, beside the blind indexes of the IIN and phone
// (docs/decisions/0027).
import type { BlindIndexKeys } from "~/modules/keys/blind-index.server";
import { identityIndexes, type CaseSealer } from "~/modules/keys/case-fields.server";
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

export type IdentityInput = NonNullable<ReturnType<typeof workerRow>["identity"]>;

/**
 * The identity row's columns as stored: each value sealed for this worker's row, and the IIN's
 * and phone's blind indexes (null while sealed: filled in on unsealing).
 */
export function sealedIdentity(
  sealer: CaseSealer,
  workerId: string,
  identity: IdentityInput,
  indexKeys: BlindIndexKeys | null,
) {
  return {
    ...sealer.seal("WorkerIdentity", workerId, identity),
    ...identityIndexes(indexKeys, identity),
  };
}
