// Types for server/worker-flags.js (plain JavaScript: the server runs without a build step).
export function workerExecArgv(
  execArgv: readonly string[],
  workers: number,
  cores: number,
  env?: Record<string, string | undefined>,
): string[];
