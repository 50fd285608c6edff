// Once per test run: bundle the Node entry as `npm start` runs it (dist/server.mjs), so the tests
// that start the real server in a child process test what users run.
// @ts-expect-error: a plain .mjs script without type declarations
import { buildServer } from "../scripts/build-server.mjs";

export default async function setup() {
  await buildServer();
}
