// Dependencies point down (STYLE.md): walks the real import graph of src/, views/ and db/ and
// fails on an edge that points up, naming the importing file, the imported file and the rule.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

type Layer =
  | "entry"
  | "routes"
  | "http"
  | "jobs"
  | "mail"
  | "search"
  | "queries"
  | "auth"
  | "views"
  | "foundation"
  | "rules"
  | "lib";

/** The room a file lives in; the first matching prefix wins. */
const LAYERS: [string, Layer][] = [
  ["src/routes/", "routes"],
  ["src/http/", "http"],
  ["src/jobs/", "jobs"],
  // Mail delivery: queueMail (the outbox), the message, the transports and the sender.
  ["src/mail/", "mail"],
  ["src/search/", "search"],
  ["src/queries/", "queries"],
  ["src/auth/", "auth"],
  ["src/rules/", "rules"],
  ["src/lib/", "lib"],
  ["views/", "views"],
  // The ground everything stands on: configuration, the database handle and schema, the
  // request-context types, the consent text.
  ["src/config.ts", "foundation"],
  ["src/db.ts", "foundation"],
  ["src/env.ts", "foundation"],
  ["src/migrate.ts", "foundation"],
  ["src/consent.ts", "foundation"],
  ["db/schema.ts", "foundation"],
  // Entries and start-up wiring may import anything: app.ts, server.ts, worker.ts, cli, setup.
  ["src/", "entry"],
  ["db/", "entry"],
];

const BELOW = ["foundation", "rules", "lib"] as const;

/** Who may import whom (STYLE.md "Dependencies point down"). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  entry: [
    "entry",
    "routes",
    "http",
    "jobs",
    "mail",
    "search",
    "queries",
    "auth",
    "views",
    "foundation",
    "rules",
    "lib",
  ],
  routes: ["routes", "http", "search", "queries", "auth", "views", ...BELOW],
  http: ["http", "auth", "views", ...BELOW],
  jobs: ["jobs", "mail", "queries", "auth", ...BELOW],
  mail: ["mail", "queries", ...BELOW],
  search: ["search", "queries", ...BELOW],
  queries: ["queries", ...BELOW],
  auth: ["auth", "mail", "queries", ...BELOW],
  views: ["views", "rules", "lib"],
  foundation: ["foundation", "rules", "lib"],
  rules: ["rules"],
  lib: ["lib"],
};

/**
 * Views receive data and render it; they may name the shapes they receive (types only, erased at
 * build) from these rooms, but never call into them.
 */
const TYPE_ONLY: Partial<Record<Layer, readonly Layer[]>> = {
  views: ["foundation", "queries", "search"],
};

/** Packages a room may use; rooms not listed may use any installed package. */
const PACKAGES: Partial<Record<Layer, readonly string[]>> = {
  rules: ["zod"],
  lib: [],
  views: ["hono"],
};

type Edge = { from: string; to: string; typeOnly: boolean; spec: string };

function layerOf(file: string): Layer {
  for (const [prefix, layer] of LAYERS) if (file.startsWith(prefix)) return layer;
  throw new Error(`${file} is in no layer: add it to LAYERS in import-graph.test.ts`);
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts")) yield path;
  }
}

const ALIASES: Record<string, string> = { "#src/": "src/", "#views/": "views/", "#db/": "db/" };

function resolveModule(fromFile: string, spec: string): string | null {
  let base: string | null = null;
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (spec.startsWith(alias)) base = join(root, folder, spec.slice(alias.length));
  }
  if (spec.startsWith(".")) base = resolve(dirname(fromFile), spec);
  if (!base) return null;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, "index.ts"),
    join(base, "index.tsx"),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(root, fromFile)}: cannot resolve "${spec}"`);
}

/** Every import/export-from/dynamic import, and whether it only names types. */
function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const found: { spec: string; typeOnly: boolean }[] = [];
  const statement = /(?:^|;|\n)\s*(import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/g;
  for (const m of text.matchAll(statement)) {
    const clause = m[2]!.trim();
    let typeOnly = clause.startsWith("type ");
    const braces = /^\{([\s\S]*)\}$/.exec(clause);
    if (!typeOnly && braces) {
      const names = braces[1]!
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean);
      typeOnly = names.length > 0 && names.every((n) => n.startsWith("type "));
    }
    found.push({ spec: m[3]!, typeOnly });
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) {
    found.push({ spec: m[1]!, typeOnly: false });
  }
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    found.push({ spec: m[1]!, typeOnly: false });
  }
  return found;
}

function packageName(spec: string): string {
  if (spec.startsWith("node:")) return "node";
  const parts = spec.split("/");
  return spec.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function collect() {
  const edges: Edge[] = [];
  const packages: { from: string; pkg: string }[] = [];
  for (const folder of ["src", "views", "db"]) {
    for (const file of sourceFiles(join(root, folder))) {
      const from = relative(root, file);
      for (const { spec, typeOnly } of importsOf(readFileSync(file, "utf8"))) {
        const target = resolveModule(file, spec);
        if (target) edges.push({ from, to: relative(root, target), typeOnly, spec });
        else packages.push({ from, pkg: packageName(spec) });
      }
    }
  }
  return { edges, packages };
}

describe("import graph", () => {
  const { edges, packages } = collect();

  it("sees the real graph (sanity: routes import queries, views import rules)", () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((e) => layerOf(e.from) === "routes" && layerOf(e.to) === "queries")).toBe(
      true,
    );
    expect(edges.some((e) => layerOf(e.from) === "views" && layerOf(e.to) === "rules")).toBe(true);
  });

  it("has no edge pointing up", () => {
    const backward = edges.flatMap((e) => {
      const from = layerOf(e.from);
      const to = layerOf(e.to);
      if (ALLOWED[from].includes(to)) return [];
      if (e.typeOnly && TYPE_ONLY[from]?.includes(to)) return [];
      const allowed = [...ALLOWED[from], ...(TYPE_ONLY[from] ?? []).map((l) => `${l} (types)`)];
      return [
        `${e.from} (${from}) → ${e.to} (${to})${e.typeOnly ? " [type-only]" : ""}: ` +
          `${from} may import only ${allowed.join(", ")}`,
      ];
    });
    expect(backward, `backward edges:\n${backward.join("\n")}`).toEqual([]);
  });

  it("keeps rules, lib and views to their packages (rules: zod only)", () => {
    const wrong = packages.flatMap(({ from, pkg }) => {
      const allowed = PACKAGES[layerOf(from)];
      if (!allowed || allowed.includes(pkg)) return [];
      return [
        `${from} imports package "${pkg}": ${layerOf(from)} may use only ${allowed.join(", ") || "no package"}`,
      ];
    });
    expect(wrong, `package imports:\n${wrong.join("\n")}`).toEqual([]);
  });

  it("flags a backward edge with a readable message (the check itself works)", () => {
    const from: Layer = layerOf("src/queries/x.ts");
    const to: Layer = layerOf("src/routes/x/index.ts");
    expect(ALLOWED[from].includes(to)).toBe(false);
    expect(layerOf("views/pages/x.tsx")).toBe("views");
    expect(importsOf('import { type A, type B } from "#src/x";')[0]).toEqual({
      spec: "#src/x",
      typeOnly: true,
    });
    expect(importsOf('import { type A, b } from "#src/x";')[0]!.typeOnly).toBe(false);
  });
});
