import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { combineShares, keyringTag, parseShare, splitMasterKey } from "./shares.server";

function subsets<T>(items: T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) =>
    subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]),
  );
}

describe("key shares", () => {
  it("rebuild the key from every 3 of 5 and never from 2", async () => {
    const master = randomBytes(32);
    const { shares } = await splitMasterKey(master, {
      keyringId: "k",
      masterVersion: 1,
      shareCount: 5,
      threshold: 3,
    });
    const parsed = shares.map((s) => parseShare(s)!);
    const threes = subsets(parsed, 3);
    expect(threes).toHaveLength(10);
    for (const subset of threes) expect((await combineShares(subset)).equals(master)).toBe(true);
    for (const subset of [...subsets(parsed, 4), subsets(parsed, 5)[0]!])
      expect((await combineShares(subset)).equals(master)).toBe(true);
    const twos = subsets(parsed, 2);
    expect(twos).toHaveLength(10);
    for (const subset of twos) expect((await combineShares(subset)).equals(master)).toBe(false);
  });

  it("name their installation, version, threshold and count, and survive retyping", async () => {
    const { shares, digests } = await splitMasterKey(randomBytes(32), {
      keyringId: "install-a",
      masterVersion: 2,
      shareCount: 5,
      threshold: 3,
    });
    expect(shares[0]).toMatch(/^ADAL1(-[0-9A-Z]{5}){16}$/);
    const share = parseShare(shares[0]!)!;
    expect(share).toMatchObject({
      keyringTag: keyringTag("install-a"),
      masterVersion: 2,
      threshold: 3,
      shareCount: 5,
    });
    expect(share.digest).toBe(digests[0]);
    const retyped = ` ${shares[0]!.toLowerCase().replace(/-/g, " ").replace(/0/g, "o")} `;
    expect(parseShare(retyped)?.digest).toBe(share.digest);
    expect(new Set(shares.map((s) => parseShare(s)!.x)).size).toBe(5);
  });

  it("refuse a typo by checksum", async () => {
    const { shares } = await splitMasterKey(randomBytes(32), {
      keyringId: "k",
      masterVersion: 1,
      shareCount: 3,
      threshold: 2,
    });
    const text = shares[0]!;
    const at = text.length - 7;
    const typo = text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
    expect(parseShare(typo)).toBeNull();
    expect(parseShare(text.slice(0, -1))).toBeNull();
    expect(parseShare("hello")).toBeNull();
  });

  it("refuse impossible share settings", async () => {
    const key = randomBytes(32);
    const split = (shareCount: number, threshold: number) =>
      splitMasterKey(key, { keyringId: "k", masterVersion: 1, shareCount, threshold });
    await expect(split(5, 6)).rejects.toThrow(RangeError);
    await expect(split(5, 1)).rejects.toThrow(RangeError);
    await expect(split(17, 3)).rejects.toThrow(RangeError);
  });
});
