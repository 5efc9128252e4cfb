// Who wrote or recorded each row of a case file's list, by name, read after the list: a list of
// no rows reads no names. Prisma's relation read sends its statement even then (`WHERE "id" IN
// (NULL)`), a round trip on every view of a case without notes, documents, outcomes or
// proceedings (docs/decisions/0044). A list read through the driver joins "User" in its own
// statement instead (joinedName): one round trip, none for the names (docs/decisions/0053).
import { readRows } from "~/db/reads.server";
import { Prisma } from "~/generated/prisma/sqlite/client";

export type DisplayNames = { of(userId: string): string };

/**
 * A row's user's name read with it (a LEFT JOIN on "User", for a list read in one statement):
 * every such row's user is kept (onDelete: Restrict), so a missing one is a broken reference.
 */
export function joinedName(userId: string, displayName: unknown): string {
  if (displayName === null || displayName === undefined) throw new Error(`no user ${userId}`);
  return String(displayName);
}

export async function displayNames(userIds: Iterable<string>): Promise<DisplayNames> {
  const ids = [...new Set(userIds)];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await readRows(Prisma.sql`
            SELECT "id", "displayName" FROM "User" WHERE "id" IN (${Prisma.join(ids)})`)
        ).map((user) => [String(user.id), String(user.displayName)]),
  );
  return {
    of(userId) {
      return joinedName(userId, names.get(userId));
    },
  };
}
