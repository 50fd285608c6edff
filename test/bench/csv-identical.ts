// `tsx test/bench/csv-identical.ts --db FILE --out DIR`: writes the public CSV exports (whole list
// and a few filtered ones) of a database as files and prints their SHA-256, so the output of two
// versions of the code can be compared byte for byte (ADR 0004, follow-up 3). Read only.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { appOnDatabase } from "./app-on-db";

const { app, client, out } = await appOnDatabase("--db FILE --out DIR");
const paths = {
  all: "/api/v1/assessors.csv",
  nh: "/api/v1/assessors.csv?province=NH",
  jan: "/api/v1/assessors.csv?q=jan",
  tec: "/api/v1/assessors.csv?q=tec",
  relevance: "/api/v1/assessors.csv?q=van%20de&sort=relevance",
  near: "/api/v1/assessors.csv?near=3811&radius_km=30&sort=distance",
  crebo: "/api/v1/assessors.csv?province=UT&crebo=25332",
};
mkdirSync(out, { recursive: true });
for (const [name, path] of Object.entries(paths)) {
  const t0 = performance.now();
  const res = await app.request(path);
  const body = Buffer.from(await res.arrayBuffer());
  const ms = Math.round(performance.now() - t0);
  writeFileSync(join(out, `${name}.csv`), body);
  const sha = createHash("sha256").update(body).digest("hex").slice(0, 16);
  console.log(
    `${name.padEnd(10)} ${res.status} ${String(body.length).padStart(9)} B ${sha} ${ms} ms`,
  );
}
client.close();
