// Who wrote or recorded each row of a case file's list, by name. Each list is read through the
// driver in one statement that joins "User" (docs/decisions/0053): no round trip for the names,
// and none for a list of no rows, where Prisma's relation read sent `WHERE "id" IN (NULL)`
// (docs/decisions/0044).

/**
 * A row's user's name read with it (a LEFT JOIN on "User"): every such row's user is kept
 * (onDelete: Restrict), so a missing one is a broken reference, not a name to leave out.
 */
export function joinedName(userId: string, displayName: unknown): string {
  if (displayName === null || displayName === undefined) throw new Error(`no user ${userId}`);
  return String(displayName);
}
