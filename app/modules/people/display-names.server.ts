// Who wrote or recorded each row of a case file's list, by name, read after the list: a list of
// no rows reads no names. Prisma's relation read sends its statement even then (`WHERE "id" IN
// (NULL)`), a round trip on every view of a case without notes, documents, outcomes or
// proceedings (docs/decisions/0044).
import { prisma } from "~/db.server";

export type DisplayNames = { of(userId: string): string };

export async function displayNames(userIds: Iterable<string>): Promise<DisplayNames> {
  const ids = [...new Set(userIds)];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await prisma.user.findMany({
            where: { id: { in: ids } },
            select: { id: true, displayName: true },
          })
        ).map((user) => [user.id, user.displayName]),
  );
  return {
    of(userId) {
      const name = names.get(userId);
      // Every such row's user is kept (onDelete: Restrict): a missing one is a broken reference.
      if (name === undefined) throw new Error(`no user ${userId}`);
      return name;
    },
  };
}
