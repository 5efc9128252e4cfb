import { prisma } from "~/db.server";
import { logError } from "~/utils/log.server";

export async function checkDatabase(): Promise<boolean> {
  try {
    const rows = await prisma.$queryRaw<Array<{ ok: number | bigint }>>`SELECT 1 AS ok`;
    return Number(rows[0]?.ok) === 1;
  } catch (error) {
    logError(error);
    return false;
  }
}
