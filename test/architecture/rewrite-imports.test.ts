// scripts/rewrite-imports.mjs (the lead's tool for the final import rewrite): relative imports into
// src/, views/ and db/ become #aliases, siblings stay "./", and a second run changes nothing.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without type declarations
import { rewriteSource } from "../../scripts/rewrite-imports.mjs";

const root = resolve(__dirname, "../..");
const file = resolve(root, "src/routes/school/dashboard.tsx");

describe("rewrite-imports", () => {
  it.each([
    [
      'import { x } from "../../queries/assessor-list";',
      'import { x } from "#src/queries/assessor-list";',
    ],
    ['import type { A } from "../../rules";', 'import type { A } from "#src/rules";'],
    ['import { L } from "../../../views/layout";', 'import { L } from "#views/layout";'],
    ['import { s } from "../../../db/schema";', 'import { s } from "#db/schema";'],
    ['import { f } from "./forms";', 'import { f } from "./forms";'],
    ['import { f } from "#src/routes/school/forms";', 'import { f } from "./forms";'],
    ['import { z } from "zod";', 'import { z } from "zod";'],
  ])("%s → %s", (before, after) => {
    const once = rewriteSource(before, file);
    expect(once).toBe(after);
    expect(rewriteSource(once, file)).toBe(once);
  });

  it("points importers of a moved module at its new place", () => {
    const moved = { "src/school/access": "src/rules/access" };
    expect(rewriteSource('import { a } from "../../school/access";', file, moved)).toBe(
      'import { a } from "#src/rules/access";',
    );
  });
});
