// Rewrites relative imports that reach into src/, views/ or db/ as subpath imports (#src/…,
// #views/…, #db/…; package.json "imports" + tsconfig "paths"). Idempotent: aliases are left alone.
//   node scripts/rewrite-imports.mjs [--check] [--moved map.json [--only-moved]] [file-or-dir …]
//   (default: src views db test)
// --moved: {"src/old/module": "src/new/module"} for imports of modules that were moved (paths
// without extension, relative to the repository root); their importers get the new alias.
// --check: rewrite nothing, list the files that would change, exit 1 if any.
// db/schema.ts and drizzle.config.ts keep relative imports: drizzle-kit loads them without our aliases.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ALIASES = [
  ["src", "#src"],
  ["views", "#views"],
  ["db", "#db"],
];
const KEEP_RELATIVE = new Set(["db/schema.ts", "drizzle.config.ts"]);
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs"];

function posix(p) {
  return p.split(sep).join("/");
}

/** The file a module path (absolute, without extension) stands for, or null. */
function findModule(base) {
  if (existsSync(base) && statSync(base).isFile()) return { file: base, index: false };
  for (const ext of EXTENSIONS)
    if (existsSync(base + ext)) return { file: base + ext, index: false };
  for (const ext of EXTENSIONS) {
    const index = join(base, "index" + ext);
    if (existsSync(index)) return { file: index, index: true };
  }
  return null;
}

/** The alias for a module path relative to the root ("src/rules/index" → "#src/rules"). */
function aliasFor(repoPath) {
  for (const [folder, alias] of ALIASES) {
    if (repoPath === folder || repoPath.startsWith(folder + "/")) {
      const rest = repoPath.slice(folder.length).replace(/\/index$/, "");
      return alias + rest;
    }
  }
  return null;
}

function withoutExtension(p) {
  return p.replace(/\.(ts|tsx|mts|js|mjs)$/, "");
}

/**
 * `file` is where the importer lives (its directory resolves the relative paths); with
 * onlyMoved, imports of modules that did not move stay as they are.
 */
export function rewriteSource(text, file, moved = {}, { onlyMoved = false } = {}) {
  const dir = dirname(file);
  const pattern =
    /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"']*|#(?:src|views|db)\/[^"']*)\2/g;
  return text.replace(pattern, (whole, lead, quote, spec) => {
    const aliased = ALIASES.find(([, alias]) => spec.startsWith(alias + "/"));
    const absolute = aliased
      ? resolve(root, aliased[0] + spec.slice(aliased[1].length))
      : resolve(dir, spec);
    const target = posix(relative(root, absolute));
    const movedTo = moved[withoutExtension(target)] ?? moved[target];
    let repoPath;
    if (movedTo) repoPath = movedTo;
    else if (onlyMoved) return whole;
    else {
      const found = findModule(absolute);
      if (!found) return whole;
      repoPath = withoutExtension(posix(relative(root, found.file)));
    }
    // Inside one folder (and below it) "./x" reads better and moves with the folder.
    const fromDir = posix(relative(root, dir));
    if (repoPath.startsWith(fromDir + "/")) {
      const local = "./" + repoPath.slice(fromDir.length + 1).replace(/\/index$/, "");
      return local === spec ? whole : `${lead}${quote}${local}${quote}`;
    }
    if (aliased && !movedTo) return whole;
    const alias = aliasFor(repoPath);
    return alias ? `${lead}${quote}${alias}${quote}` : whole;
  });
}

function* sourceFiles(path) {
  const stat = statSync(path);
  if (stat.isFile()) {
    if (/\.(ts|tsx|mts)$/.test(path)) yield path;
    return;
  }
  for (const name of readdirSync(path)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    yield* sourceFiles(join(path, name));
  }
}

function main(argv) {
  const check = argv.includes("--check");
  const movedIndex = argv.indexOf("--moved");
  const moved = movedIndex >= 0 ? JSON.parse(readFileSync(argv[movedIndex + 1], "utf8")) : {};
  const onlyMoved = argv.includes("--only-moved");
  const targets = argv.filter(
    (a, i) => !a.startsWith("--") && !(movedIndex >= 0 && i === movedIndex + 1),
  );
  const paths = (targets.length ? targets : ["src", "views", "db", "test"]).map((p) =>
    resolve(root, p),
  );
  const changed = [];
  for (const path of paths) {
    for (const file of sourceFiles(path)) {
      if (KEEP_RELATIVE.has(posix(relative(root, file)))) continue;
      const before = readFileSync(file, "utf8");
      const after = rewriteSource(before, file, moved, { onlyMoved });
      if (after === before) continue;
      changed.push(posix(relative(root, file)));
      if (!check) writeFileSync(file, after);
    }
  }
  for (const file of changed) console.log(`${check ? "would rewrite" : "rewrote"} ${file}`);
  if (check && changed.length) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
