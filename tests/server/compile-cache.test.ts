// The code cache of Node 20 (server/compile-cache.js), in real processes: what it writes, where,
// when it replaces an entry, what it leaves alone, and that V8 takes what it wrote. On Node ≥ 22.1
// the server uses Node's own module.enableCompileCache instead, and these do not apply.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const COMPILE_CACHE = pathToFileURL(
  path.join(path.dirname(fileURLToPath(import.meta.url)), "../../server/compile-cache.js"),
).href;
/** Longer than compile-cache.js's WRITE_AFTER_MS: the entries are written by then. */
const LIVE_MS = 5_600;
const nodeHasItsOwn =
  typeof (module as { enableCompileCache?: unknown }).enableCompileCache === "function";
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A directory with a CommonJS module and an entry that loads the cache first, then the module. */
function fixture(moduleSource: string) {
  const root = mkdtempSync(path.join(tmpdir(), "adal-code-cache-test-"));
  scratch.push(root);
  const app = path.join(root, "app");
  const tmp = path.join(root, "tmp");
  mkdirSync(app);
  mkdirSync(tmp);
  const mod = path.join(app, "mod.cjs");
  writeFileSync(mod, moduleSource);
  writeFileSync(
    path.join(app, "entry.mjs"),
    `import ${JSON.stringify(COMPILE_CACHE)};
import { createRequire } from "node:module";
console.log(JSON.stringify(await createRequire(import.meta.url)("./mod.cjs")()));
setTimeout(() => {}, ${LIVE_MS});
`,
  );
  const cacheDir = path.join(
    tmp,
    `adal-code-cache-${process.getuid?.() ?? "user"}`,
    `${process.version}-${process.arch}`,
  );
  return { root, app, tmp, mod, cacheDir };
}

function run(file: string, tmp: string, env: Record<string, string> = {}, args: string[] = []) {
  return new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      [file, ...args],
      { env: { ...process.env, TMPDIR: tmp, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
    ),
  );
}

const entries = (dir: string) => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Whether V8 takes `cacheFile` as the compiled code of `source` (in a process like the server's). */
async function accepted(root: string, source: string, cacheFile: string) {
  const check = path.join(root, "check.cjs");
  writeFileSync(
    check,
    `const fs = require("node:fs"), vm = require("node:vm"), Module = require("node:module");
const [source, cache] = process.argv.slice(2);
const script = new vm.Script(Module.wrap(fs.readFileSync(source, "utf8")), { filename: source, cachedData: fs.readFileSync(cache) });
console.log(script.cachedDataRejected ? "rejected" : "accepted");
`,
  );
  return run(check, root, {}, [source, cacheFile]);
}

describe.skipIf(nodeHasItsOwn)("the Node 20 code cache", () => {
  it("keeps one entry per module path and content, private to this user, that V8 takes; a changed module replaces it", async () => {
    const { root, app, tmp, mod, cacheDir } = fixture("module.exports = async () => 41 + 1;\n");
    const entry = path.join(app, "entry.mjs");
    expect(await run(entry, tmp)).toBe("42");
    const name = `${sha1(mod).slice(0, 16)}-${sha1("module.exports = async () => 41 + 1;\n")}`;
    expect(entries(cacheDir)).toContain(name);
    expect(statSync(path.join(cacheDir, name)).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(cacheDir)).mode & 0o777).toBe(0o700);
    expect(await accepted(root, mod, path.join(cacheDir, name))).toBe("accepted");

    // A new build at the same path: its entry replaces the old one, and it runs as the new code.
    writeFileSync(mod, "module.exports = async () => 43;\n");
    expect(await run(entry, tmp)).toBe("43");
    const mine = entries(cacheDir).filter((file) => file.startsWith(`${sha1(mod).slice(0, 16)}-`));
    expect(mine).toEqual([
      `${sha1(mod).slice(0, 16)}-${sha1("module.exports = async () => 43;\n")}`,
    ]);
  }, 60_000);

  it("leaves a module with import() to Node (code from the cache could not import on Node 20), which still imports on a second start", async () => {
    const source = 'module.exports = async () => (await import("node:path")).sep;\n';
    const { app, tmp, mod, cacheDir } = fixture(source);
    const entry = path.join(app, "entry.mjs");
    expect(await run(entry, tmp)).toBe(JSON.stringify(path.sep));
    expect(await run(entry, tmp)).toBe(JSON.stringify(path.sep));
    expect(entries(cacheDir).filter((file) => file.startsWith(sha1(mod).slice(0, 16)))).toEqual([]);
  }, 60_000);

  it("writes nothing with ADAL_CODE_CACHE=0, or where another user could write", async () => {
    const off = fixture("module.exports = async () => 1;\n");
    const shared = fixture("module.exports = async () => 2;\n");
    const parent = path.dirname(shared.cacheDir);
    mkdirSync(parent, { mode: 0o700 });
    chmodSync(parent, 0o777);
    const [one, two] = await Promise.all([
      run(path.join(off.app, "entry.mjs"), off.tmp, { ADAL_CODE_CACHE: "0" }),
      run(path.join(shared.app, "entry.mjs"), shared.tmp),
    ]);
    expect([one, two]).toEqual(["1", "2"]);
    expect(entries(path.dirname(off.cacheDir))).toEqual([]);
    expect(entries(shared.cacheDir)).toEqual([]);
  }, 60_000);
});
