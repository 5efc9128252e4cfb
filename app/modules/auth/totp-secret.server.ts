// TOTP secrets at rest (docs/decisions/0049): sealed with AES-256-GCM under a
// key derived from the cluster secret, which lives in ADAL_CLUSTER_SECRET or a
// file beside the server, never in the database. A database dump, a backup or a
// separate database host then holds no second factor that a cracked password
// could be paired with. The master key is not used: while it is sealed (shares
// mode, after every restart) nobody could pass the second factor, not even the
// key holders who must sign in to unseal.
//
// Stored as `totp:v1:<key id>:<base64url nonce ‖ ciphertext ‖ tag>`; the
// associated data binds it to its row. The key id (a MAC of a fixed label) tells
// "sealed under another cluster secret" from a damaged value in the log.
import { createHmac, hkdfSync } from "node:crypto";
import { prisma } from "~/db.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { clusterSecret } from "~/modules/keys/cluster.server";
import { associatedData, decrypt, encrypt, KEY_BYTES } from "~/modules/keys/envelope.server";

const PREFIX = "totp:v1:";
const SEALED = /^totp:v1:([0-9a-f]{16}):([A-Za-z0-9_-]+)$/;
/** What an authenticator app's secret looks like before it is sealed (base32). */
const CLEAR = /^[A-Z2-7]+=*$/i;

type TotpKey = { key: Buffer; id: string };
let cached: Promise<TotpKey> | undefined;

/** The key for TOTP secrets, from the cluster secret (HKDF-SHA-256, a purpose of its own). */
export function totpKey(): Promise<TotpKey> {
  cached ??= clusterSecret()
    .then((secret) => {
      const key = Buffer.from(
        hkdfSync("sha256", secret, "adal/totp-secret", "adal/v1/totp-secret", KEY_BYTES),
      );
      const id = createHmac("sha256", key).update("adal/totp-secret/key-id").digest("hex");
      return { key, id: id.slice(0, 16) };
    })
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

/** Tests: forget the key, after the cluster secret has been changed. */
export function forgetTotpKey(): void {
  cached = undefined;
}

const aad = (userId: string) =>
  associatedData("adal/totp-secret/v1", ["TotpCredential", "secret", userId]);

export async function sealTotpSecret(userId: string, secret: string): Promise<string> {
  const { key, id } = await totpKey();
  const sealed = encrypt(key, Buffer.from(secret, "utf8"), aad(userId));
  return `${PREFIX}${id}:${sealed.toString("base64url")}`;
}

export type OpenedTotpSecret =
  { ok: true; secret: string; sealed: boolean } | { ok: false; reason: "otherKey" | "damaged" };

/**
 * The base32 secret of a stored value. A value from before sealing (`sealed: false`) is
 * returned as it is, for `sealClearTotpSecrets` to seal.
 */
export async function openTotpSecret(userId: string, stored: string): Promise<OpenedTotpSecret> {
  const match = SEALED.exec(stored);
  if (!match) {
    return CLEAR.test(stored)
      ? { ok: true, secret: stored, sealed: false }
      : { ok: false, reason: "damaged" };
  }
  const { key, id } = await totpKey();
  if (match[1] !== id) return { ok: false, reason: "otherKey" };
  const opened = decrypt(key, Buffer.from(match[2]!, "base64url"), aad(userId));
  return opened
    ? { ok: true, secret: opened.toString("utf8"), sealed: true }
    : { ok: false, reason: "damaged" };
}

/**
 * Seals every secret still stored in the clear (those enrolled before 0049), each only if it
 * has not changed meanwhile: every process runs this at start, and a person may be enrolling.
 * Returns how many it sealed; one audit entry says so.
 */
export async function sealClearTotpSecrets(): Promise<number> {
  const rows = await prisma.totpCredential.findMany({
    where: { NOT: { secret: { startsWith: PREFIX } } },
    select: { userId: true, secret: true },
  });
  let sealed = 0;
  for (const row of rows) {
    if (!CLEAR.test(row.secret)) continue;
    const { count } = await prisma.totpCredential.updateMany({
      where: { userId: row.userId, secret: row.secret },
      data: { secret: await sealTotpSecret(row.userId, row.secret) },
    });
    sealed += count;
  }
  if (sealed > 0) {
    await recordAudit({
      action: "second_factor.secrets_sealed",
      actorId: null,
      details: { count: sealed },
    });
  }
  return sealed;
}
