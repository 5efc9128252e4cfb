// Encryption to an X25519 public key (ECIES), from Node's crypto only: an
// ephemeral key pair, X25519 agreement, HKDF-SHA-256 and AES-256-GCM. Used to
// wrap a case key taken while sealed to the intake public key, and the master
// key to another app process's public key (docs/decisions/0012).
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from "node:crypto";
import { associatedData, decrypt, encrypt, KEY_BYTES } from "./envelope.server";

const PUBLIC_KEY_DER_BYTES = 44; // SPKI DER of an X25519 key

export type BoxKeyPair = { publicKey: KeyObject; privateKey: KeyObject };

export function newBoxKeyPair(): BoxKeyPair {
  return generateKeyPairSync("x25519");
}

export function publicKeyDer(key: KeyObject): Buffer {
  return key.export({ type: "spki", format: "der" });
}

export function privateKeyDer(key: KeyObject): Buffer {
  return key.export({ type: "pkcs8", format: "der" });
}

export function publicKeyFromDer(der: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" });
}

export function privateKeyFromDer(der: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" });
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer, label: string): Buffer {
  const salt = Buffer.concat([ephemeral, recipient]);
  return Buffer.from(hkdfSync("sha256", shared, salt, `adal/v1/box/${label}`, KEY_BYTES));
}

/**
 * Seals `plaintext` to `recipient`: ephemeral public key (SPKI DER) ‖ nonce ‖ ciphertext ‖ tag.
 * `label` and `context` are bound into the key and the associated data (e.g. "case-key", caseId).
 */
export function sealTo(
  recipient: KeyObject,
  plaintext: Uint8Array,
  label: string,
  context: string[],
): Buffer {
  const ephemeral = generateKeyPairSync("x25519");
  const ephemeralDer = publicKeyDer(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient });
  const key = boxKey(shared, ephemeralDer, publicKeyDer(recipient), label);
  return Buffer.concat([
    ephemeralDer,
    encrypt(key, plaintext, associatedData(`adal/box/${label}`, context)),
  ]);
}

/** The plaintext, or null when the box is not for this key, was changed, or names another context. */
export function openFrom(
  recipient: KeyObject,
  box: Uint8Array,
  label: string,
  context: string[],
): Buffer | null {
  if (box.byteLength <= PUBLIC_KEY_DER_BYTES) return null;
  const bytes = Buffer.from(box);
  const ephemeralDer = bytes.subarray(0, PUBLIC_KEY_DER_BYTES);
  let ephemeral: KeyObject;
  try {
    ephemeral = publicKeyFromDer(ephemeralDer);
  } catch {
    return null;
  }
  const recipientPublic = createPublicKey(recipient);
  const shared = diffieHellman({ privateKey: recipient, publicKey: ephemeral });
  const key = boxKey(shared, ephemeralDer, publicKeyDer(recipientPublic), label);
  return decrypt(
    key,
    bytes.subarray(PUBLIC_KEY_DER_BYTES),
    associatedData(`adal/box/${label}`, context),
  );
}
