// The benchmark database's keyring: the demo mode, its key file under
// data/bench (kept with the database under BENCH_KEEP), unsealed in this
// process. The seed seals names, places and accounts with it, as intakes do.
import { rmSync, mkdirSync } from "node:fs";
import path from "node:path";

let unsealed: Promise<void> | null = null;

export function unsealedBenchKeyring(provider: "sqlite" | "postgresql"): Promise<void> {
  unsealed ??= (async () => {
    mkdirSync(path.resolve("data/bench"), { recursive: true });
    const keyFile = path.resolve("data/bench", `demo-master-key.${provider}`);
    process.env.ADAL_DEMO_KEY_FILE = keyFile;
    const { prisma } = await import("~/db.server");
    const { initializeKeyring, keyring } = await import("~/modules/keys/keyring.server");
    if (!(await prisma.keyringState.findUnique({ where: { id: "keyring" } }))) {
      rmSync(keyFile, { force: true }); // a fresh database's key: the last run's is useless
      await initializeKeyring({ mode: "DEMO" });
    }
    const status = await keyring.start();
    if (status.state !== "unsealed") throw new Error(`keyring sealed: ${status.reason}`);
  })();
  return unsealed;
}
