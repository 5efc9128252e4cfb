// What the server does with its keys at start (called by app/jobs.server.ts):
// the demo creates its demo key on first run; the keyring unseals from its key
// file if it has one, else waits sealed; the process joins the others so that
// one unseal or one "seal now" reaches it within two seconds. Never throws:
// a server without its key starts sealed and says why in its log.
import { prisma } from "~/db.server";
import { isDemoMode } from "~/utils/env.server";
import { logError, logInfo } from "~/utils/log.server";
import { clusterSecret, ClusterMember } from "./cluster.server";
import { initializeKeyring, keyring } from "./keyring.server";

let member: ClusterMember | null = null;

let started!: () => void;
/**
 * Settles once the keyring has read its state at the start (unsealed with its key file, or sealed
 * and why), whether that worked or not: until then a signed-in page would see the keys as sealed.
 * server/index.js holds signed-in requests until it settles.
 */
export const keyringStarted = new Promise<void>((resolve) => (started = resolve));

/** In demo mode: the demo key under data/, made on first use (the seed's, or the server's). */
export async function ensureDemoKeyring(): Promise<void> {
  if (isDemoMode() && !(await prisma.keyringState.findUnique({ where: { id: "keyring" } }))) {
    await initializeKeyring({ mode: "DEMO" });
    logInfo("keyring: demo key created under data/ (it protects nothing against a copy of data/)");
  }
}

export async function startKeyring(): Promise<void> {
  try {
    try {
      await ensureDemoKeyring();
      await keyring.start();
    } finally {
      started();
    }
    member = new ClusterMember(keyring, await clusterSecret());
    await member.join();
    member.start(1000, logInfo);
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => void member?.leave().catch(() => undefined));
  } catch (error) {
    logError(error);
  }
}
