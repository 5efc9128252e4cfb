// Imported first by server/cluster.js and server/index.js: V8 keeps the code it
// compiled for the server's modules on disk, so a restart or a replaced worker
// compiles less of it again (docs/decisions/0042-cold-start.md).
// - Node ≥ 22.1 (the Docker image): module.enableCompileCache, for every module,
//   CommonJS and ES (the system's temporary directory, or NODE_COMPILE_CACHE; Node
//   checks each entry against the module's source and its own version;
//   NODE_DISABLE_COMPILE_CACHE=1 turns it off).
// - Node 20 has no such API. There every CommonJS module — the server build
//   (build/index.cjs, our own code) and Express, React and Prisma's runtime under
//   node_modules — is compiled through vm.Script with V8's cached data, as the
//   v8-compile-cache package does, kept per file and content in a directory of this
//   user's own. ADAL_CODE_CACHE=0 turns it off.
import { createHash } from "node:crypto";
import fs from "node:fs";
import module from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

/** After the start, the code compiled so far (the first pages' included) is written out. */
const WRITE_AFTER_MS = 5_000;

if (typeof module.enableCompileCache === "function") module.enableCompileCache();
else if (process.env.ADAL_CODE_CACHE !== "0") cacheCommonJs();

function cacheCommonJs() {
  const dir = trustedDirectory(
    path.join(os.tmpdir(), `adal-code-cache-${process.getuid?.() ?? "user"}`),
    `${process.version}-${process.arch}`,
  );
  if (!dir) return;
  const Module = module.Module;
  const compile = Module.prototype._compile;
  /** Scripts compiled without usable cached data: written out after the start. */
  const toWrite = [];

  Module.prototype._compile = function compileWithCache(content, filename, format) {
    // Node's own compile for anything else: an ES module, a shebang line, a dynamic import()
    // (Node 20 gives code read from V8's cache no module loader, with or without
    // vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER: its import() then fails).
    if (
      (format !== undefined && format !== "commonjs") ||
      content.startsWith("#!") ||
      content.includes("import(")
    )
      return compile.call(this, content, filename, format);
    // One entry per module path (the name's first part), for this content (its second part):
    // a new build or package version replaces its path's entry when it is written.
    const file = path.join(dir, `${sha1(filename).slice(0, 16)}-${sha1(content)}`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(file);
    } catch {
      // Not cached yet.
    }
    let script;
    try {
      script = new vm.Script(module.wrap(content), { filename, cachedData });
    } catch {
      // Not CommonJS after all (ES module syntax Node would detect): Node's own way.
      return compile.call(this, content, filename, format);
    }
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return Reflect.apply(wrapper, this.exports, [
      this.exports,
      requireFor(this),
      this,
      filename,
      path.dirname(filename),
    ]);
  };

  /** What Node gives a module as `require`. */
  function requireFor(mod) {
    const require = (id) => mod.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    require.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    require.main = process.mainModule;
    require.extensions = Module._extensions;
    require.cache = Module._cache;
    return require;
  }

  const write = setTimeout(() => {
    /** Entries already there, by module path (the part of the name before "-"). */
    const byPath = new Map();
    try {
      for (const name of fs.readdirSync(dir)) {
        const samePath = name.slice(0, name.indexOf("-") + 1);
        if (samePath) byPath.set(samePath, [...(byPath.get(samePath) ?? []), name]);
      }
    } catch {
      return;
    }
    for (const { script, file } of toWrite.splice(0)) {
      try {
        const temporary = `${file}.${process.pid}`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, file);
        // The same path's entries for other contents (an earlier build): never read again.
        const own = path.basename(file);
        for (const name of byPath.get(own.slice(0, own.indexOf("-") + 1)) ?? [])
          if (name !== own) fs.rmSync(path.join(dir, name), { force: true });
      } catch {
        // A cache that cannot be written is only a slower next start.
      }
    }
  }, WRITE_AFTER_MS);
  write.unref();
}

function sha1(text) {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * The cache directory, made if missing, or null when it is not ours alone: cached code is run
 * without being compiled from its source again, so nobody else may be able to write it.
 */
function trustedDirectory(parent, name) {
  try {
    fs.mkdirSync(parent, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(parent);
    const uid = process.getuid?.();
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || stat.mode & 0o022)
      return null;
    const dir = path.join(parent, name);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  } catch {
    return null;
  }
}
