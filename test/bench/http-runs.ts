// The benchmark through the real Node server: throughput with autocannon (50 connections) against
// the hello-world process, and cold searches (each right after a write through the API) with p95,
// the whole-list CSV and the server's RSS. DESIGN §10, issue 15.
import { createRequire } from "node:module";
import { stats, type Stats } from "./measure";
import type { ChildServer } from "./child-servers";

type AutocannonResult = {
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number };
  non2xx: number;
  errors: number;
  statusCodeStats: Record<string, { count: number }>;
};
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** What a browser sends; compressed answers are part of what is measured. */
export const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br" };

export type Throughput = {
  name: string;
  path: string;
  rps: number;
  p50ms: number;
  p99ms: number;
  non2xx: number;
  errors: number;
};

export async function cannon(
  base: string,
  name: string,
  path: string,
  seconds: number,
  headers: Record<string, string> = BROWSER_HEADERS,
): Promise<Throughput> {
  const r = await autocannon({ url: base + path, connections: 50, duration: seconds, headers });
  return {
    name,
    path,
    rps: Math.round(r.requests.average),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

/** The routes of issue 15's table, with paths found on the running server (asset URL, a profile). */
export async function throughputRoutes(base: string): Promise<{ name: string; path: string }[]> {
  const home = await (await fetch(`${base}/?q=jan`)).text();
  const css = /href="(\/static\/app\.css[^"]*)"/.exec(home)?.[1] ?? "/static/app.css";
  const search = (await (await fetch(`${base}/api/v1/assessors?q=jan`)).json()) as {
    items: { id: string }[];
  };
  return [
    { name: "/healthz", path: "/healthz" },
    { name: "static asset (app.css)", path: css },
    { name: "JSON search q=jan (repeated)", path: "/api/v1/assessors?q=jan" },
    { name: "HTML search /?q=jan (repeated)", path: "/?q=jan" },
    { name: "public profile", path: `/beoordelaars/${search.items[0].id}` },
  ];
}

export type ColdKind = { kind: string; paths: string[] };

export function coldKinds(): ColdKind[] {
  const provinces = ["GR", "FR", "DR", "OV", "FL", "GE", "UT", "NH", "ZH", "ZE", "NB", "LI"];
  return [
    { kind: "unfiltered", paths: Array.from({ length: 10 }, () => "/api/v1/assessors") },
    { kind: "per province", paths: provinces.map((p) => `/api/v1/assessors?province=${p}`) },
    {
      kind: "pages 2–21",
      paths: Array.from({ length: 20 }, (_, i) => `/api/v1/assessors?page=${i + 2}`),
    },
    ...["tec", "ins", "van", "ele"].map((q) => ({
      kind: `q=${q}`,
      paths: Array.from({ length: 5 }, () => `/api/v1/assessors?q=${q}`),
    })),
    // What a live search sends while a common surname is typed, and a name with a tussenvoegsel:
    // matches that sit together in name order (the broad plan once read 5 s to reach them).
    ...["jans", "jansen", "van der meer"].map((q) => ({
      kind: `q=${q}`,
      paths: Array.from(
        { length: 5 },
        (_, i) => `/api/v1/assessors?q=${encodeURIComponent(q)}&page=${i + 1}`,
      ),
    })),
    { kind: "HTML /?q=tec", paths: Array.from({ length: 5 }, () => "/?q=tec") },
  ];
}

export type ColdResult = {
  /** cpuMsPerRequest: the server's CPU time per request (the write before it included). */
  kinds: { kind: string; ms: Stats; statuses: number[]; cpuMsPerRequest: number }[];
  csv: { ms: Stats; bytes: number; status: number; cpuMsPerRequest: number };
  rssPeakMb: number;
  rssAfterMb: number;
  writes: number;
};

/**
 * Every measured request follows a write through the app (a consent toggle over the school API),
 * so no result cache can answer it: the worst case, a search right after a change.
 */
export async function coldRun(
  server: ChildServer,
  write: { token: string; assessorId: string },
  /** False: only the CSV (`--sections csv`). */
  searches = true,
): Promise<ColdResult> {
  let consent = false;
  let writes = 0;
  const touch = async () => {
    const res = await fetch(`${server.url}/api/v1/school/assessors/${write.assessorId}/consent`, {
      method: "POST",
      headers: { authorization: `Bearer ${write.token}`, "content-type": "application/json" },
      body: JSON.stringify({ public_consent: consent }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`write failed: ${res.status}`);
    consent = !consent;
    writes++;
  };
  let rssPeak = server.rssMb();
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssMb())), 25);
  const timed = async (path: string) => {
    await touch();
    const t0 = performance.now();
    const res = await fetch(server.url + path, { headers: BROWSER_HEADERS });
    const bytes = (await res.arrayBuffer()).byteLength;
    return { ms: performance.now() - t0, status: res.status, bytes };
  };
  const kinds: ColdResult["kinds"] = [];
  for (const k of searches ? coldKinds() : []) {
    const samples: number[] = [];
    const statuses = new Set<number>();
    const cpu0 = server.cpuMs();
    for (const path of k.paths) {
      const r = await timed(path);
      samples.push(r.ms);
      statuses.add(r.status);
    }
    kinds.push({
      kind: k.kind,
      ms: stats(samples),
      statuses: [...statuses],
      cpuMsPerRequest: Math.round((server.cpuMs() - cpu0) / k.paths.length),
    });
  }
  const csvSamples: number[] = [];
  let csvBytes = 0;
  let csvStatus = 0;
  const csvCpu0 = server.cpuMs();
  for (let i = 0; i < 3; i++) {
    const r = await timed("/api/v1/assessors.csv");
    csvSamples.push(r.ms);
    csvBytes = r.bytes;
    csvStatus = r.status;
  }
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, server.rssMb());
  return {
    kinds,
    csv: {
      ms: stats(csvSamples),
      bytes: csvBytes,
      status: csvStatus,
      cpuMsPerRequest: Math.round((server.cpuMs() - csvCpu0) / 3),
    },
    rssPeakMb: rssPeak,
    rssAfterMb: server.rssMb(),
    writes,
  };
}
