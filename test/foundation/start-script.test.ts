// `npm start` runs the bundle the server tests start (test/helpers/server-entry.ts), built first.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_ARGS } from "../helpers/server-entry";

const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;

describe("npm start", () => {
  it("builds the assets and the server bundle, then runs the bundle the tests start", () => {
    expect(scripts.start).toBe(`npm run build && node ${SERVER_ARGS.join(" ")}`);
    expect(scripts.build).toContain("npm run build:assets");
    expect(scripts.build).toContain("npm run build:server");
    expect(scripts["build:server"]).toBe("node scripts/build-server.mjs");
  });
});
