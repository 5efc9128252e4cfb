// What the case list's search looks through, kept on the case row as one
// folded string (reference, employers and their BINs, the account, worker
// names) so a search is one indexed pass instead of joins over four tables.
// Every write that changes one of those calls `refreshSearchText` in its
// transaction.
import { prisma, type Tx } from "~/db.server";
import { foldForSearch } from "~/utils/text";

const SEPARATOR = "\n";

export async function refreshSearchText(tx: Tx, caseId: string): Promise<void> {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      reference: true,
      account: true,
      place: true,
      employers: { select: { employer: { select: { name: true, bin: true } } } },
      workers: { select: { identity: { select: { fullName: true } } } },
    },
  });
  const parts = [
    found.reference,
    ...found.employers.flatMap(({ employer }) => [employer.name, employer.bin ?? ""]),
    ...found.workers.map((w) => w.identity?.fullName ?? ""),
    found.place,
    found.account,
  ];
  const searchText = parts
    .filter(Boolean)
    .map((part) => foldForSearch(part))
    .join(SEPARATOR);
  await tx.case.update({ where: { id: caseId }, data: { searchText } });
}

/**
 * Cases written before the search text existed (or by a migration) have an
 * empty one: filled in batches at start-up. Returns how many were filled.
 */
export async function backfillSearchText(batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const batch = await prisma.case.findMany({
      where: { searchText: "" },
      select: { id: true },
      take: batchSize,
    });
    if (batch.length === 0) return filled;
    await prisma.$transaction(async (tx) => {
      for (const { id } of batch) await refreshSearchText(tx, id);
    });
    filled += batch.length;
  }
}
