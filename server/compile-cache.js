// Imported first by server/cluster.js and server/index.js: V8 keeps the code it
// compiled for the server's modules on disk, so a restart or a replaced worker
// compiles less of it again (docs/decisions/0042-cold-start.md).
// - Node ≥ 22.1 (the Docker image): module.enableCompileCache, for every module,
//   CommonJS and ES (the system's temporary directory, or NODE_COMPILE_CACHE; Node
//   checks each entry against the module's source and its own version;
//   NODE_DISABLE_COMPILE_CACHE=1 turns it off).
// - Node 20 has no such API. There the CommonJS modules under node_modules (Express,
//   React, Prisma's runtime: most of what the server loads besides its own build) are
//   compiled through vm.Script with V8's cached data, as the v8-compile-cache package
//   does, kept per file and content in a directory of this user's own; the ES modules
//   (the build) are compiled as before. ADAL_CODE_CACHE=0 turns it off.
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
  const nodeModules = `${path.sep}node_modules${path.sep}`;
  /** Scripts compiled without usable cached data: written out after the start. */
  const toWrite = [];

  Module.prototype._compile = function compileWithCache(content, filename, format) {
    // Node's own compile for anything else: our files, an ES module, a shebang line, dynamic
    // import() (a vm.Script has no module loader for it).
    if (
      (format !== undefined && format !== "commonjs") ||
      !filename.includes(nodeModules) ||
      content.startsWith("#!") ||
      content.includes("import(")
    )
      return compile.call(this, content, filename, format);
    const file = path.join(
      dir,
      createHash("sha1").update(filename).update("\0").update(content).digest("hex"),
    );
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
    for (const { script, file } of toWrite.splice(0)) {
      try {
        const temporary = `${file}.${process.pid}`;
        fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
        fs.renameSync(temporary, file);
      } catch {
        // A cache that cannot be written is only a slower next start.
      }
    }
  }, WRITE_AFTER_MS);
  write.unref();
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
