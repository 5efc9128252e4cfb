// Several app processes on one PostgreSQL (docs/decisions/0014): one unseal
// unseals all of them and one "seal now" seals all of them within two polls,
// and the master key never touches the database in the clear.
//
// Each process registers an ephemeral X25519 public key (its private half
// lives only in its memory) with a MAC under the cluster secret, so a row
// written by someone who can only write to the database is never served.
// Every poll (1 s), an unsealed process wraps the master key to each live,
// registered process that lacks it for the current seal generation; a sealed
// process opens what was wrapped to it. "Seal now" raises the generation and
// clears every wrapped key in one transaction; a process whose generation is
// behind seals itself. `npm run unseal` is such a process for a moment.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { prisma } from "~/db.server";
import { dataDirectory } from "~/modules/documents/store.server";
import { toBytes } from "./envelope.server";
import type { Keyring } from "./keyring.server";
import {
  newBoxKeyPair,
  openFrom,
  publicKeyDer,
  publicKeyFromDer,
  sealTo,
  type BoxKeyPair,
} from "./sealed-box.server";

/** A process not seen for this long is neither served nor kept. */
const LIVE_MS = 30_000;
const FORGET_MS = 5 * 60_000;
/** How often a process says it is alive (a write: not every poll). */
const HEARTBEAT_MS = 10_000;

/**
 * ADAL_CLUSTER_SECRET (every process of an installation, 32+ characters), else a secret
 * created once at ADAL_CLUSTER_SECRET_FILE (default: cluster.secret in the data directory).
 */
export async function clusterSecret(): Promise<Buffer> {
  const fromEnv = process.env.ADAL_CLUSTER_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error("ADAL_CLUSTER_SECRET must be at least 32 characters");
    return Buffer.from(fromEnv, "utf8");
  }
  const file = path.resolve(
    process.env.ADAL_CLUSTER_SECRET_FILE || path.join(dataDirectory(), "cluster.secret"),
  );
  try {
    return Buffer.from((await readFile(file, "utf8")).trim(), "utf8");
  } catch {
    await mkdir(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return Buffer.from((await readFile(file, "utf8")).trim(), "utf8");
  }
}

function registration(secret: Buffer, id: string, publicKey: Uint8Array): Buffer {
  return createHmac("sha256", secret)
    .update("adal/process/v1")
    .update(id)
    .update(publicKey)
    .digest();
}

const boxContext = (id: string, generation: number, keyringId: string) => [
  id,
  String(generation),
  keyringId,
];

export class ClusterMember {
  readonly id = randomUUID();
  private readonly pair: BoxKeyPair = newBoxKeyPair();
  private timer: NodeJS.Timeout | null = null;
  private lastHeartbeat = 0;

  constructor(
    private readonly keyring: Keyring,
    private readonly secret: Buffer,
  ) {}

  /** Registers this process's public key. */
  async join(): Promise<void> {
    const publicKey = publicKeyDer(this.pair.publicKey);
    await prisma.processKey.create({
      data: {
        id: this.id,
        publicKey: toBytes(publicKey),
        registration: toBytes(registration(this.secret, this.id, publicKey)),
        lastSeenAt: new Date(),
      },
    });
  }

  async leave(): Promise<void> {
    this.stop();
    await prisma.processKey.deleteMany({ where: { id: this.id } });
  }

  /** One poll: follow a seal elsewhere, take a key wrapped to us, or serve the others. */
  async tick(now = new Date()): Promise<void> {
    if (now.getTime() - this.lastHeartbeat >= HEARTBEAT_MS) {
      this.lastHeartbeat = now.getTime();
      await prisma.processKey.updateMany({ where: { id: this.id }, data: { lastSeenAt: now } });
      await prisma.processKey.deleteMany({
        where: { lastSeenAt: { lt: new Date(now.getTime() - FORGET_MS) } },
      });
    }
    await this.keyring.checkGeneration();
    const held = this.keyring.heldMasterKey();
    if (held) await this.serve(held, now);
    else await this.receive();
  }

  private async receive(): Promise<void> {
    const mine = await prisma.processKey.findUnique({ where: { id: this.id } });
    const state = await prisma.keyringState.findUnique({
      where: { id: "keyring" },
      select: { sealGeneration: true, keyringId: true },
    });
    if (!mine?.wrappedMasterKey || !state || mine.sealGeneration !== state.sealGeneration) return;
    const masterKey = openFrom(
      this.pair.privateKey,
      mine.wrappedMasterKey,
      "process-master-key",
      boxContext(this.id, state.sealGeneration, state.keyringId),
    );
    if (!masterKey) return;
    await this.keyring.unsealWithMasterKey(masterKey, state.sealGeneration);
    masterKey.fill(0);
  }

  /** Wraps the master key to every live, registered process that lacks it. Returns how many. */
  async serve(
    held: NonNullable<ReturnType<Keyring["heldMasterKey"]>>,
    now = new Date(),
  ): Promise<number> {
    const waiting = await prisma.processKey.findMany({
      where: {
        id: { not: this.id },
        lastSeenAt: { gte: new Date(now.getTime() - LIVE_MS) },
        OR: [{ wrappedMasterKey: null }, { sealGeneration: { not: held.sealGeneration } }],
      },
    });
    let served = 0;
    for (const row of waiting) {
      const expected = registration(this.secret, row.id, row.publicKey);
      const given = Buffer.from(row.registration);
      if (given.byteLength !== expected.byteLength || !timingSafeEqual(given, expected)) continue;
      const wrapped = sealTo(
        publicKeyFromDer(row.publicKey),
        held.masterKey,
        "process-master-key",
        boxContext(row.id, held.sealGeneration, held.keyringId),
      );
      // Only if "seal now" has not moved the generation on meanwhile.
      const { count } = await prisma.processKey.updateMany({
        where: { id: row.id },
        data: { wrappedMasterKey: toBytes(wrapped), sealGeneration: held.sealGeneration },
      });
      const state = await prisma.keyringState.findUnique({
        where: { id: "keyring" },
        select: { sealGeneration: true },
      });
      if (state?.sealGeneration !== held.sealGeneration) {
        await prisma.processKey.updateMany({
          where: { id: row.id },
          data: { wrappedMasterKey: null, sealGeneration: null },
        });
        return served;
      }
      served += count;
    }
    return served;
  }

  /** Polls every `intervalMs` (1 s: a seal or unseal elsewhere reaches this process within 2 s). */
  start(intervalMs = 1000, log: (message: string) => void = () => {}): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) => log(`cluster poll failed: ${String(error)}`));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
