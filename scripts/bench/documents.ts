// `npm run bench`: uploading and downloading a 10 MiB document through the
// documents module (checked, encrypted with the case key, stored; read back,
// decrypted and verified), in each store, against a plain copy of the same
// bytes to and from a file on the same disk (written and synced; read). The
// throughput (MiB/s at the median) is what the table reports for them.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { unsealedBenchKeyring } from "./keyring";
import type { BenchContext, Scenario, ScenarioFactory } from "./scenarios";

const SIZE = 10 * 1024 * 1024;
/** Each timed run moves 10 MiB through the disk: fewer than the list scenarios' 200. */
const ITERATIONS = Number(process.env.BENCH_DOCUMENT_ITERATIONS) || 20;

type Setup = {
  reference: string;
  bytes: Uint8Array;
  folder: string;
};

let setup: Promise<Setup> | null = null;

/**
 * Once per benchmark process: a data directory of its own under data/bench (the disk the
 * database is on), the demo keyring unsealed (./keyring.ts), and a case with its key.
 */
function prepare(context: BenchContext): Promise<Setup> {
  setup ??= (async () => {
    mkdirSync(path.resolve("data/bench"), { recursive: true });
    const folder = mkdtempSync(path.resolve("data/bench", `documents-${context.provider}-`));
    process.env.ADAL_DATA_DIR = folder;
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
    await unsealedBenchKeyring(context.provider);
    const { prisma } = await import("~/db.server");
    const { keyring } = await import("~/modules/keys/keyring.server");
    const [found] = await context.raw.all<{ id: string; reference: string }>(
      `SELECT "id", "reference" FROM "Case" ORDER BY "id" LIMIT 1`,
    );
    if (!found) throw new Error("no case seeded");
    if ((await prisma.caseKey.count({ where: { caseId: found.id } })) === 0)
      await prisma.$transaction((tx) => keyring.createCaseKey(tx, found.id));
    // A PDF by its first bytes (the check reads no further), then random bytes.
    const bytes = new Uint8Array(randomBytes(SIZE));
    bytes.set(Buffer.from("%PDF-1.7\n", "latin1"));
    return { reference: found.reference, bytes, folder };
  })();
  return setup;
}

/** The plain copy: the bytes written to a file of the same folder and synced, as a store must. */
async function writeSynced(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, "w", 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function documentScenario(kind: "LOCAL" | "DATABASE", direction: "upload" | "download") {
  const name = `document ${direction} 10 MiB (${kind === "LOCAL" ? "local" : "database"} store)`;
  const factory: ScenarioFactory = async (context): Promise<Scenario> => {
    const { reference, bytes, folder } = await prepare(context);
    const { prisma } = await import("~/db.server");
    const documents = await import("~/modules/documents/documents.server");
    const { documentStore } = await import("~/modules/documents/store.server");
    const store = documentStore(kind);
    const caller = context.caller(context.people.coordinator);
    const upload = () =>
      documents.uploadDocument(
        caller,
        reference,
        { title: "Bench statement", kind: "OTHER", fileName: "statement.pdf", bytes },
        {},
        store,
      );
    const plainFile = path.join(folder, `plain-${direction}-${kind.toLowerCase()}`);
    /** Removes what an upload run added, untimed, so the runs do not pile up 10 MiB each. */
    let uploaded: string | null = null;
    const forget = async (id: string) => {
      const row = await prisma.caseDocument.delete({
        where: { id },
        select: { storageKey: true },
      });
      await store.destroy(row.storageKey);
    };

    if (direction === "upload")
      return {
        name,
        iterations: ITERATIONS,
        bytes: SIZE,
        run: async () => {
          uploaded = (await upload()).id;
        },
        raw: () => writeSynced(plainFile, bytes),
        afterEach: async () => {
          if (uploaded) await forget(uploaded);
          uploaded = null;
          await rm(plainFile, { force: true });
        },
      };

    const { id } = await upload();
    await writeSynced(plainFile, bytes);
    return {
      name,
      iterations: ITERATIONS,
      bytes: SIZE,
      run: async () => {
        const download = await documents.openDocumentForDownload(caller, reference, id);
        if (!download.ok) throw new Error(`download refused: ${download.reason}`);
        let received = 0;
        for await (const chunk of download.body) received += (chunk as Buffer).byteLength;
        if (received !== SIZE) throw new Error(`downloaded ${received} bytes`);
      },
      raw: async () => {
        const read = await readFile(plainFile);
        if (read.byteLength !== SIZE) throw new Error(`read ${read.byteLength} bytes`);
      },
    };
  };
  return [name, factory] as const;
}

export const DOCUMENT_SCENARIOS: Record<string, ScenarioFactory> = Object.fromEntries([
  documentScenario("LOCAL", "upload"),
  documentScenario("LOCAL", "download"),
  documentScenario("DATABASE", "upload"),
  documentScenario("DATABASE", "download"),
]);
