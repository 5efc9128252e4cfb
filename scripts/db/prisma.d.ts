export function runPrisma(
  args: string[],
  options?: { databaseUrl?: string; stdio?: "inherit" | "pipe" },
): { status: number; stdout: string; stderr: string };
