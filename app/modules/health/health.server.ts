import { prisma } from "~/db.server";
import { withTimeout } from "~/db/unavailable.server";
import { logError } from "~/utils/log.server";

/** A health check answers within this, whatever state the database is in. */
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

export async function checkDatabase(): Promise<boolean> {
  try {
    const rows = await withTimeout(
      prisma.$queryRaw<Array<{ ok: number | bigint }>>`SELECT 1 AS ok`,
      HEALTH_CHECK_TIMEOUT_MS,
      "the health check",
    );
    return Number(rows[0]?.ok) === 1;
  } catch (error) {
    logError(error);
    return false;
  }
}
