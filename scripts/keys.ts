// The master key on the console (docs/decisions/0014, README "Where the master key lives"):
//   npm run keys:init -- --shares 5 --threshold 3   sealed mode: prints the key shares ONCE
//   npm run keys:init -- --key-file /secure/adal.key   key-file mode (ADAL_MASTER_KEY_FILE)
//   npm run keys:init -- --demo                        demo key under data/ (banner)
//   npm run unseal                                     enter shares; unseals every running process
//   npm run keys:status                                mode, version, state, case key counts
//   npm run keys:rotate -- (same options as init)      new master key, case keys rewrapped
//   npm run keys:seal                                  "seal now" from the console
//   npm run keys:encrypt-existing                      seal data stored before the keys, then
//                                                      remove its plaintext (VACUUM; 0033)
// Shares are read without echo on a terminal, or one per line from stdin. Nothing here prints
// a key except the shares that keys:init and keys:rotate exist to print.
import readline from "node:readline/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { prisma } from "~/db.server";
import { clusterSecret, ClusterMember } from "~/modules/keys/cluster.server";
import { encryptExisting } from "~/modules/keys/encrypt-existing.server";
import {
  initializeKeyring,
  keyring as processKeyring,
  Keyring,
  keyringFacts,
  UnsealRefused,
  type InitOptions,
  type InitResult,
} from "~/modules/keys/keyring.server";

const USAGE = `usage: npm run keys:init -- --shares N --threshold K | --key-file PATH | --demo
       npm run keys:rotate -- --shares N --threshold K | --key-file PATH | --demo
       npm run keys:status
       npm run keys:seal
       npm run keys:encrypt-existing [-- --batch N]
       npm run unseal`;

const REFUSALS: Record<UnsealRefused["reason"], string> = {
  notInitialized: "There is no master key yet: run keys:init first.",
  notShareMode: "This installation does not use key shares (see keys:status).",
  alreadyUnsealed: "Already unsealed.",
  malformed: "That is not a key share (mistyped?). Check it and enter it again.",
  foreignInstallation: "That share belongs to another installation.",
  oldShareSet: "That share was replaced by a key rotation and no longer works.",
  unknownShare: "That share is not one of this installation's current shares.",
  repeated: "That share was already entered.",
  tooFew: "Not enough shares: the threshold was not reached. Nothing was unsealed.",
  wrongShares: "The shares did not rebuild the master key. Nothing was unsealed; start again.",
  throttled: "Too many refused shares: wait before trying again.",
};

class UsageError extends Error {}

function modeOptions(values: Record<string, string | boolean | undefined>): InitOptions {
  if (values.demo) return { mode: "DEMO" };
  if (typeof values["key-file"] === "string") return { mode: "FILE", keyFile: values["key-file"] };
  const shareCount = Number(values.shares);
  const threshold = Number(values.threshold);
  if (!Number.isInteger(shareCount) || !Number.isInteger(threshold))
    throw new UsageError("give --shares N --threshold K, --key-file PATH or --demo");
  return { mode: "SHARES", shareCount, threshold };
}

function printResult(result: InitResult, what: string) {
  console.log(`${what}: master key version ${result.version}, installation ${result.keyringId}.`);
  if (result.keyFile) {
    console.log(`Key file written (owner-only): ${result.keyFile}`);
    console.log("Keep it off the database's disk and out of backups of data/.");
  }
  if (result.shares) {
    console.log("\nKey shares — shown this once. Give one to each key holder, on paper, and");
    console.log("keep no copy here. Any threshold of them unseals the server.\n");
    result.shares.forEach((share, i) => console.log(`  share ${i + 1}: ${share}`));
    console.log("");
  }
}

async function readShares(count: number | null): Promise<string[]> {
  if (!process.stdin.isTTY) {
    const lines: string[] = [];
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) if (line.trim()) lines.push(line.trim());
    return lines;
  }
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stdout.write(chunk, encoding);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  const shares: string[] = [];
  try {
    for (let i = 1; count == null || i <= count; i++) {
      process.stdout.write(
        `share ${i}${count ? ` of ${count}` : ""} (hidden; empty line to stop): `,
      );
      muted = true;
      const share = (await rl.question("")).trim();
      muted = false;
      process.stdout.write("\n");
      if (!share) break;
      shares.push(share);
    }
  } finally {
    rl.close();
  }
  return shares;
}

/** A keyring unsealed in this process: by its key file, or by shares typed now. */
async function unsealedHere(): Promise<Keyring> {
  const keyring = new Keyring(() => {});
  const status = await keyring.start();
  if (status.state === "unsealed") return keyring;
  if (status.reason !== "awaitingShares") throw new Error(`sealed: ${status.reason}`);
  await keyring.unsealWithShares(await readShares(status.threshold));
  return keyring;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      shares: { type: "string" },
      threshold: { type: "string" },
      "key-file": { type: "string" },
      demo: { type: "boolean" },
      batch: { type: "string" },
    },
  });
  switch (command) {
    case "init": {
      printResult(await initializeKeyring(modeOptions(values)), "Keyring created");
      return 0;
    }
    case "status": {
      const facts = await keyringFacts();
      if (!facts) {
        console.log("No master key yet (npm run keys:init).");
        return 0;
      }
      const { mode, version, threshold, shareCount, sealGeneration, caseKeys } = facts;
      console.log(`mode ${mode}${mode === "SHARES" ? ` (${threshold} of ${shareCount})` : ""}`);
      console.log(`master key version ${version}, seal generation ${sealGeneration}`);
      console.log(`installation ${facts.keyringId}, created ${facts.createdAt.toISOString()}`);
      if (facts.rotatedAt) console.log(`last rotated ${facts.rotatedAt.toISOString()}`);
      console.log(
        `case keys: ${caseKeys.master} under the master key, ${caseKeys.intake} taken while sealed, ${caseKeys.destroyed} destroyed`,
      );
      if (facts.unsealBlockedUntil && facts.unsealBlockedUntil > new Date())
        console.log(`unseal attempts blocked until ${facts.unsealBlockedUntil.toISOString()}`);
      const live = await prisma.processKey.count({
        where: { lastSeenAt: { gte: new Date(Date.now() - 30_000) } },
      });
      const holding = await prisma.processKey.count({
        where: {
          lastSeenAt: { gte: new Date(Date.now() - 30_000) },
          sealGeneration: sealGeneration,
          wrappedMasterKey: { not: null },
        },
      });
      console.log(`running processes: ${live} (${holding} given the key in this generation)`);
      return 0;
    }
    case "unseal": {
      const keyring = await unsealedHere();
      const held = keyring.heldMasterKey()!;
      const member = new ClusterMember(keyring, await clusterSecret());
      const served = await member.serve(held);
      console.log(
        `Unsealed. The master key was wrapped to ${served} running process(es); they unseal within 2 s.`,
      );
      return 0;
    }
    case "rotate": {
      const keyring = await unsealedHere();
      printResult(await keyring.rotate(modeOptions(values)), "Master key rotated");
      console.log("Running processes are now sealed: unseal them again (npm run unseal).");
      return 0;
    }
    case "seal": {
      await new Keyring(() => {}).sealNow();
      console.log("Sealed: every running process forgets its keys within 2 s.");
      return 0;
    }
    case "encrypt-existing": {
      const batchSize = values.batch ? Number(values.batch) : undefined;
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
        throw new UsageError("--batch takes a positive whole number");
      // This process's own keyring (the one the data paths use): by its key file, or by shares
      // typed now. Sealed and no shares: refused, nothing touched.
      const status = await processKeyring.start();
      if (status.state !== "unsealed") {
        if (status.reason !== "awaitingShares")
          throw new Error(`sealed (${status.reason}): nothing was changed`);
        await processKeyring.unsealWithShares(await readShares(status.threshold));
      }
      await encryptExisting({ batchSize, log: (line) => console.log(line) });
      console.log(
        "Done. Backups taken before now still hold the plaintext: destroy them (README, Backups).",
      );
      return 0;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : "no command");
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) console.error(`${error.message}\n${USAGE}`);
    else if (error instanceof UnsealRefused) console.error(REFUSALS[error.reason]);
    else console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  })
  .finally(() => prisma.$disconnect());
