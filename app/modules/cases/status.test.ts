import { describe, expect, it } from "vitest";
import type { CaseStatus, Role } from "~/generated/prisma/sqlite/enums";
import {
  OPEN_STATUSES,
  STATUSES,
  availableTransitions,
  checkTransition,
  transitionExists,
  type CaseRelation,
} from "./status";

const ROLES: Role[] = ["ORGANIZER", "LAWYER", "COORDINATOR", "ADMIN"];
const RELATIONS: Record<string, CaseRelation> = {
  none: { tookIntake: false, assignedLawyer: false, assignedOrganizer: false },
  tookIntake: { tookIntake: true, assignedLawyer: false, assignedOrganizer: false },
  assignedLawyer: { tookIntake: false, assignedLawyer: true, assignedOrganizer: false },
  assignedOrganizer: { tookIntake: false, assignedLawyer: false, assignedOrganizer: true },
};

/** The workflow written out by hand, independently of the module, as the table users were promised. */
const EXPECTED_EDGES = new Set([
  "NEW>TRIAGED",
  "NEW>ASSIGNED",
  "TRIAGED>ASSIGNED",
  "ASSIGNED>IN_PROGRESS",
  "IN_PROGRESS>RESOLVED",
  "RESOLVED>CLOSED",
  "RESOLVED>REOPENED",
  "CLOSED>REOPENED",
  "REOPENED>IN_PROGRESS",
  "REOPENED>RESOLVED",
  ...OPEN_STATUSES.map((s) => `${s}>ON_HOLD`),
]);

function expectedOutcome(
  from: CaseStatus,
  to: CaseStatus,
  role: Role,
  relation: CaseRelation,
  heldFrom: CaseStatus | null,
) {
  const exists =
    from === "ON_HOLD"
      ? heldFrom === to && OPEN_STATUSES.includes(to)
      : EXPECTED_EDGES.has(`${from}>${to}`);
  if (!exists) return "noSuchTransition";
  const allowed =
    role === "COORDINATOR" ||
    (role === "LAWYER" && relation.assignedLawyer && to !== "TRIAGED" && to !== "ASSIGNED") ||
    (role === "ORGANIZER" &&
      (relation.tookIntake || relation.assignedOrganizer) &&
      (to === "ON_HOLD" || from === "ON_HOLD"));
  return allowed ? "ok" : "notAllowed";
}

describe("case status workflow", () => {
  const heldFromChoices: Array<CaseStatus | null> = [null, ...STATUSES];
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      for (const role of ROLES) {
        it(`${from} → ${to} for a ${role}: matches the workflow table for every relation and held-from state`, () => {
          for (const [, relation] of Object.entries(RELATIONS)) {
            for (const heldFrom of from === "ON_HOLD" ? heldFromChoices : [null]) {
              const refusal = checkTransition(from, to, { role, relation, heldFrom }, "a reason");
              expect(refusal ?? "ok").toBe(expectedOutcome(from, to, role, relation, heldFrom));
            }
          }
        });
      }
    }
  }

  it("never lets an organizer close or resolve a case, even one they took", () => {
    for (const from of STATUSES) {
      for (const to of ["CLOSED", "RESOLVED"] as const) {
        expect(
          checkTransition(from, to, { role: "ORGANIZER", relation: RELATIONS.tookIntake! }, "why"),
        ).not.toBeNull();
      }
    }
  });

  it("asks for a reason to close, reopen or put on hold, and for nothing else", () => {
    const coordinator = { role: "COORDINATOR" as const, relation: RELATIONS.none! };
    expect(checkTransition("RESOLVED", "CLOSED", coordinator, "")).toBe("reasonRequired");
    expect(checkTransition("CLOSED", "REOPENED", coordinator, "  ")).toBe("reasonRequired");
    expect(checkTransition("IN_PROGRESS", "ON_HOLD", coordinator, null)).toBe("reasonRequired");
    expect(checkTransition("ASSIGNED", "IN_PROGRESS", coordinator, null)).toBeNull();
    expect(
      checkTransition("ON_HOLD", "ASSIGNED", { ...coordinator, heldFrom: "ASSIGNED" }, null),
    ).toBeNull();
  });

  it("returns a held case only to the status it was held from", () => {
    expect(transitionExists("ON_HOLD", "IN_PROGRESS", "IN_PROGRESS")).toBe(true);
    expect(transitionExists("ON_HOLD", "RESOLVED", "IN_PROGRESS")).toBe(false);
    expect(transitionExists("ON_HOLD", "IN_PROGRESS", null)).toBe(false);
  });

  it("offers exactly the moves the server would accept", () => {
    for (const from of STATUSES) {
      for (const role of ROLES) {
        for (const relation of Object.values(RELATIONS)) {
          const context = {
            role,
            relation,
            heldFrom: from === "ON_HOLD" ? ("IN_PROGRESS" as const) : null,
          };
          const offered = availableTransitions(from, context);
          for (const to of STATUSES) {
            expect(offered.includes(to)).toBe(
              checkTransition(from, to, context, "a reason") === null,
            );
          }
        }
      }
    }
  });

  it("offers an administrator nothing, and a lawyer nothing on a case that is not theirs", () => {
    for (const from of STATUSES) {
      expect(
        availableTransitions(from, { role: "ADMIN", relation: RELATIONS.assignedLawyer! }),
      ).toEqual([]);
      expect(availableTransitions(from, { role: "LAWYER", relation: RELATIONS.none! })).toEqual([]);
    }
  });
});
