import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { ClusterMember } from "./cluster.server";
import { toBytes } from "./envelope.server";
import { initializeKeyring, Keyring } from "./keyring.server";
import { newBoxKeyPair, publicKeyDer } from "./sealed-box.server";

const secret = randomBytes(32);

beforeEach(async () => {
  await prisma.processKey.deleteMany();
  await prisma.keyringState.deleteMany();
});

async function twoProcesses() {
  const { shares } = await initializeKeyring({ mode: "SHARES", shareCount: 3, threshold: 2 });
  const processes = [0, 1].map(() => {
    const keyring = new Keyring(() => {});
    return { keyring, member: new ClusterMember(keyring, secret) };
  });
  for (const p of processes) {
    await p.keyring.start();
    await p.member.join();
  }
  return { shares: shares!, a: processes[0]!, b: processes[1]! };
}

describe("several processes on one database", () => {
  it("one unseal unseals the others at their next poll; one seal now seals them all", async () => {
    const { shares, a, b } = await twoProcesses();
    await a.keyring.unsealWithShares(shares.slice(0, 2));
    await a.member.tick();
    expect(b.keyring.isUnsealed()).toBe(false);
    await b.member.tick();
    expect(b.keyring.isUnsealed()).toBe(true);

    await b.keyring.sealNow({ actorId: null });
    const rows = await prisma.processKey.findMany();
    expect(rows.every((row) => row.wrappedMasterKey === null)).toBe(true);
    await a.member.tick();
    expect(a.keyring.status()).toMatchObject({ state: "sealed", reason: "sealedNow" });
    // Nothing left to receive: both stay sealed until someone unseals again.
    await b.member.tick();
    expect(b.keyring.isUnsealed()).toBe(false);
  });

  it("never stores the master key in the clear: only wrapped to a process's public key", async () => {
    const { shares, a, b } = await twoProcesses();
    await a.keyring.unsealWithShares(shares.slice(0, 2));
    await a.member.tick();
    const master = a.keyring.heldMasterKey()!.masterKey;
    const row = await prisma.processKey.findUniqueOrThrow({ where: { id: b.member.id } });
    expect(row.wrappedMasterKey).not.toBeNull();
    expect(Buffer.from(row.wrappedMasterKey!).includes(master)).toBe(false);
  });

  it("does not serve a process registered without the cluster secret", async () => {
    const { shares, a } = await twoProcesses();
    const intruder = newBoxKeyPair();
    const id = randomUUID();
    await prisma.processKey.create({
      data: {
        id,
        publicKey: toBytes(publicKeyDer(intruder.publicKey)),
        registration: toBytes(randomBytes(32)),
        lastSeenAt: new Date(),
      },
    });
    await a.keyring.unsealWithShares(shares.slice(0, 2));
    await a.member.tick();
    const row = await prisma.processKey.findUniqueOrThrow({ where: { id } });
    expect(row.wrappedMasterKey).toBeNull();
  });

  it("ignores a key wrapped for an earlier seal generation", async () => {
    const { shares, a, b } = await twoProcesses();
    await a.keyring.unsealWithShares(shares.slice(0, 2));
    await a.member.tick();
    const wrapped = await prisma.processKey.findUniqueOrThrow({ where: { id: b.member.id } });
    await a.keyring.sealNow();
    // A stale wrapped key put back (say, from a backup of the table).
    await prisma.processKey.update({
      where: { id: b.member.id },
      data: { wrappedMasterKey: wrapped.wrappedMasterKey, sealGeneration: wrapped.sealGeneration },
    });
    await b.member.tick();
    expect(b.keyring.isUnsealed()).toBe(false);
  });
});
