// The administrators' audit log: filters narrow it exactly, bad filter values
// are dropped, and an export is CSV that is itself recorded.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { createUser } from "~/modules/people/people.server";
import { parseAuditFilters } from "./audit-filters";
import { exportAuditLog, searchAuditLog } from "./audit-log.server";
import { recordAudit } from "./audit.server";
import type { Caller } from "~/modules/auth/caller";

let admin: Caller;
let lawyer: string;

beforeAll(async () => {
  const make = async (email: string, role: "ADMIN" | "LAWYER") =>
    (await createUser({ email, displayName: email, role, regions: [] }, { actorId: null })).id;
  admin = { id: await make("log.admin@example.org", "ADMIN"), role: "ADMIN", regions: [] };
  lawyer = await make("log.lawyer@example.org", "LAWYER");
  for (const targetId of ["KZ-2026-000001", "KZ-2026-000002", "KZ-2026-000001"])
    await recordAudit({ action: "case.viewed", actorId: lawyer, targetType: "case", targetId });
  await recordAudit({
    action: "auth.login",
    actorId: lawyer,
    targetType: "user",
    targetId: lawyer,
  });
});

describe("the audit log", () => {
  it("narrows by person, action and target together", async () => {
    const { total, entries } = await searchAuditLog({
      actor: lawyer,
      action: "case.viewed",
      target: "KZ-2026-000001",
    });
    expect(total).toBe(2);
    expect(entries.every((e) => e.targetId === "KZ-2026-000001")).toBe(true);
    expect(entries[0]!.seq).toBeGreaterThan(entries[1]!.seq);
  });

  it("reads the period as Kazakhstan days", async () => {
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
    expect((await searchAuditLog({ actor: lawyer, from: today, to: today })).total).toBe(4);
    expect((await searchAuditLog({ actor: lawyer, to: "2020-01-01" })).total).toBe(0);
  });

  it("drops filter values that do not parse instead of failing", () => {
    expect(
      parseAuditFilters(
        new URLSearchParams(
          "actor=../../etc&action=DROP TABLE&from=2026-13-99x&page=-3&target=KZ-2026-000001",
        ),
      ),
    ).toEqual({ target: "KZ-2026-000001" });
  });

  it("exports the filtered entries as CSV with a byte order mark, and records the export", async () => {
    const { csv, rows } = await exportAuditLog(admin, { actor: lawyer, action: "case.viewed" });
    expect(rows).toBe(3);
    expect(csv.startsWith("\ufeffseq,time_utc,actor,action")).toBe(true);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(4);
    const recorded = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "audit.exported", actorId: admin.id },
    });
    expect(JSON.parse(recorded.details)).toEqual({
      filters: { actor: lawyer, action: "case.viewed" },
      rows: 3,
    });
  });
});
