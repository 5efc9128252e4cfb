// A worker's pseudonym on a case ("W-7Q4K"): what lists, notifications, the timeline and exports
// show instead of the name (docs/decisions/0034). Random, never derived from the name or the IIN,
// unique within the case; stored on the worker's row, so it is the same on every read.

/** 32 characters that cannot be mistaken for each other: no 0/O, no 1/I. */
export const PSEUDONYM_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const PSEUDONYM_PATTERN = /^W-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{4}$/;

function draw(): string {
  // 32 divides 256: masking a random byte to 5 bits picks each character with equal chance.
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `W-${Array.from(bytes, (b) => PSEUDONYM_ALPHABET[b & 31]).join("")}`;
}

/** `count` new pseudonyms, distinct from each other and from those the case already has. */
export function newPseudonyms(count: number, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  const fresh: string[] = [];
  while (fresh.length < count) {
    const candidate = draw();
    if (used.has(candidate)) continue;
    used.add(candidate);
    fresh.push(candidate);
  }
  return fresh;
}

export function newPseudonym(taken: Iterable<string> = []): string {
  return newPseudonyms(1, taken)[0]!;
}
