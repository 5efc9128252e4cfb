// What administrators see of cases: the register's metadata (reference,
// category, region, status, urgency, dates) and never their content — no
// employer, worker, account, note or document, and no search over them.
// Case content stays behind the access rule (access.server.ts), which gives
// administrators none.
import { DomainError } from "~/utils/domain-error";
import { prisma } from "~/db.server";
import type { Prisma } from "~/generated/prisma/sqlite/client";
import type { CaseCategory, CaseStatus, Region } from "~/generated/prisma/sqlite/enums";
import { recordReadAudit } from "~/modules/audit/audit.server";
import { CATEGORIES } from "~/modules/intake/categories";
import { REGIONS } from "~/modules/regions/regions";
import { STATUSES } from "./status";
import type { Caller } from "~/modules/auth/caller";

export const REGISTER_PAGE_SIZE = 50;

export type RegisterFilters = {
  status?: CaseStatus;
  region?: Region;
  category?: CaseCategory;
  page: number;
};

/** The URL's filters; a value that is not one of the known ones is dropped. */
export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
  const pick = <T extends string>(values: readonly T[], raw: string | null) =>
    values.find((value) => value === raw);
  const page = Number(params.get("page"));
  return {
    status: pick(STATUSES, params.get("status")),
    region: pick(REGIONS, params.get("region")),
    category: pick(CATEGORIES, params.get("category")),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export async function listCaseRegister(
  caller: Caller,
  filters: RegisterFilters,
  request: { ipAddress?: string | null; userAgent?: string | null } = {},
) {
  if (caller.role !== "ADMIN") throw DomainError.forbidden();
  const where: Prisma.CaseWhereInput = {
    // A duress session reaches no case, not even as metadata.
    ...(caller.duress ? { id: { in: [] } } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.category ? { category: filters.category } : {}),
  };
  const [total, cases] = await Promise.all([
    prisma.case.count({ where }),
    prisma.case.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: REGISTER_PAGE_SIZE,
      skip: (filters.page - 1) * REGISTER_PAGE_SIZE,
      select: {
        reference: true,
        category: true,
        region: true,
        status: true,
        urgency: true,
        createdAt: true,
        closedAt: true,
      },
    }),
  ]);
  const { page: _page, ...chosen } = filters;
  await recordReadAudit({
    action: "cases.register_viewed",
    actorId: caller.id,
    details: { filters: chosen, page: filters.page },
    ...request,
  });
  return {
    total,
    cases,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)),
  };
}
