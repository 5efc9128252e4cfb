// What the header says about the keys: sealed (names, stories and documents
// cannot be read until key holders unseal), or unsealed with the demo key
// (which protects nothing). Nothing when unsealed with real keys.
import { keyring } from "./keyring.server";

export type KeyBanner = "sealed" | "demo" | null;

export function keyBanner(): KeyBanner {
  const status = keyring.status();
  if (status.state === "sealed") return "sealed";
  return status.demo ? "demo" : null;
}
