// `tsx test/bench/search-identical.ts --db FILE --out FILE`: answers a fixed list of public
// searches (JSON API, status and body) on a database and writes them as one JSON file, so the
// answers of two versions of the code can be compared (ADR 0004, follow-up 3). Read only.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { appOnDatabase } from "./app-on-db";

const { app, client, out: outFile } = await appOnDatabase("--db FILE --out FILE");

export const SEARCHES = [
  "",
  "q=jan",
  "q=tec",
  "q=ins&page=3",
  "q=van",
  "q=ele&per_page=100",
  "q=van%20der%20meer",
  "q=jan&sort=relevance",
  "q=tec&sort=relevance&page=2",
  "q=amersfoort",
  "q=bergen%20op%20zoom",
  "q=de",
  "q=zzzgeenmatch",
  "q=tec&province=NH",
  "q=tec&near=3811&radius_km=10",
  "province=UT",
  "province=GR&page=4",
  "crebo=25332",
  "province=UT&crebo=25332",
  "place=3295",
  "place=9999",
  "place=3295&radius_km=10",
  "place=3295&radius_km=10&sort=name",
  "near=3811",
  "near=3811&radius_km=50&page=3",
  "near=3811%20AB&radius_km=5&sort=name",
  "near=1011&q=jan",
  "near=0000",
  "near=52.1,5.1&radius_km=15",
  "near=53.6,4.3&radius_km=5",
  "near=53.6,4.3&radius_km=60",
  "near=53.6,4.3&radius_km=200",
  "near=Amersfoort&radius_km=20",
  "near=Bergen",
  "near=Bergen%20(NH)&radius_km=10",
  "near=Nergenshuizen",
  "near=3811&place=3295",
  "near=3811&province=UT&crebo=25332",
  "page=21",
  "per_page=100&page=40",
];

const out: Record<string, { status: number; sha: string; body: unknown }> = {};
for (const query of SEARCHES) {
  const res = await app.request(`/api/v1/assessors${query ? `?${query}` : ""}`);
  const text = await res.text();
  const body = JSON.parse(text) as Record<string, unknown>;
  out[query] = {
    status: res.status,
    sha: createHash("sha256").update(text).digest("hex").slice(0, 16),
    // Enough to see what differs without keeping every page.
    body: { ...body, items: Array.isArray(body.items) ? body.items.length : body.items },
  };
  console.log(`${String(res.status).padEnd(4)} ${out[query].sha} ${query}`);
}
writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
client.close();
