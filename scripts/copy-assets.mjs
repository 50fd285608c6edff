// Copies htmx from node_modules into public/vendor (served by us; never a CDN).
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const htmxDir = dirname(require.resolve("htmx.org/package.json"));
mkdirSync("public/vendor", { recursive: true });
copyFileSync(join(htmxDir, "dist", "htmx.min.js"), "public/vendor/htmx.min.js");
