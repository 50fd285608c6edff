// Runs the HTTP part of `npm run bench` for one or two checkouts (`--before DIR` measures an older
// checkout in the same run): start time, throughput against hello-world, cold searches, RSS.
import { request } from "node:http";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHello, startRegister, type ChildServer } from "./child-servers";
import type { RecordedAnswer } from "./hello-server";
import { cannon, coldRun, throughputRoutes, type ColdResult, type Throughput } from "./http-runs";

export type CheckoutResult = {
  label: string;
  dir: string;
  startMs: number;
  throughput: (Throughput & { share: number })[];
  hello: Throughput[];
  /** Hello-world sending the exact answer (headers and bytes) of a register route: no target. */
  sameAnswer: (Throughput & { share: number })[];
  cold: ColdResult | null;
};

export type HttpOptions = {
  dbPath: string;
  checkouts: { label: string; dir: string }[];
  seconds: number;
  throughput: boolean;
  cold: boolean;
  /** Only the CSV part of the cold run (`--sections csv`). */
  csv: boolean;
  write: { token: string; assessorId: string };
};

async function withServer<T>(
  start: () => Promise<ChildServer>,
  run: (s: ChildServer) => Promise<T>,
) {
  const server = await start();
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

export async function httpSection(opts: HttpOptions): Promise<CheckoutResult[]> {
  const results: CheckoutResult[] = [];
  for (const checkout of opts.checkouts) {
    process.stdout.write(`HTTP (${checkout.label}) `);
    const result: CheckoutResult = {
      label: checkout.label,
      dir: checkout.dir,
      startMs: 0,
      throughput: [],
      hello: [],
      sameAnswer: [],
      cold: null,
    };
    await withServer(
      () => startRegister(checkout.dir, opts.dbPath),
      async (server) => {
        result.startMs = server.startMs;
        if (opts.throughput) {
          const routes = await throughputRoutes(server.url);
          // The answers of /healthz and the static asset, replayed by the hello-world process.
          const replayed = routes.filter(
            (r) => r.name === "/healthz" || r.name.startsWith("static"),
          );
          const answers = await Promise.all(replayed.map((r) => recordAnswer(server.url + r.path)));
          const answersFile = join(mkdtempSync(join(tmpdir(), "bench-answers-")), "answers.json");
          writeFileSync(answersFile, JSON.stringify(answers));
          // Hello-world before and after the app's routes; the mean is the 100 % mark.
          const helloRun = () =>
            withServer(startHello, (h) => cannon(h.url, "hello-world", "/", opts.seconds));
          result.hello.push(await helloRun());
          process.stdout.write(".");
          const measured: Throughput[] = [];
          for (const r of routes) {
            await cannon(server.url, r.name, r.path, 1); // warm-up (JIT, caches)
            measured.push(await cannon(server.url, r.name, r.path, opts.seconds));
            process.stdout.write(".");
          }
          const same = await withServer(
            () => startHello(answersFile),
            async (h) => {
              const out: Throughput[] = [];
              for (const [i, r] of replayed.entries()) {
                const name = `hello, antwoord van ${r.name.split(" ")[0]}`;
                await cannon(h.url, name, `/answer/${i}`, 1);
                out.push(await cannon(h.url, name, `/answer/${i}`, opts.seconds));
              }
              return out;
            },
          );
          result.hello.push(await helloRun());
          const hello = (result.hello[0].rps + result.hello[1].rps) / 2;
          const share = (t: Throughput) => ({
            ...t,
            share: Math.round((t.rps / hello) * 1000) / 10,
          });
          result.throughput = measured.map(share);
          result.sameAnswer = same.map(share);
        }
        if (opts.cold || opts.csv) {
          result.cold = await coldRun(server, opts.write, opts.cold);
          process.stdout.write(".");
        }
      },
    );
    process.stdout.write("\n");
    results.push(result);
  }
  return results;
}

/** The raw answer (as a browser asks for it: compressed when offered), for the hello process. */
function recordAnswer(url: string): Promise<RecordedAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "accept-encoding": "gzip, deflate, br" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        const skip = new Set([
          "date",
          "connection",
          "keep-alive",
          "content-length",
          "transfer-encoding",
        ]);
        const headers: [string, string][] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2)
          if (!skip.has(res.rawHeaders[i].toLowerCase()))
            headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({
          status: res.statusCode ?? 200,
          headers,
          base64: Buffer.concat(chunks).toString("base64"),
        });
      });
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** Issue 15's targets, as share of hello-world req/s and cold p95 / CSV time. */
export const HTTP_TARGETS = {
  floorShare: 40,
  jsonShare: 25,
  htmlShare: 15,
  coldP95Ms: 50,
  csvMs: 2000,
  rssMb: 300,
  startMs: 2000,
};

function shareTarget(name: string): number {
  if (name === "/healthz" || name.startsWith("static")) return HTTP_TARGETS.floorShare;
  if (name.startsWith("JSON")) return HTTP_TARGETS.jsonShare;
  return HTTP_TARGETS.htmlShare;
}

export function printHttp(results: CheckoutResult[]): boolean {
  let pass = true;
  const pad = (v: string | number, w: number) => String(v).padStart(w);
  let isLast = false;
  const ok = (good: boolean) => {
    if (!good && isLast) pass = false;
    return good ? "ok" : "NIET GEHAALD";
  };
  for (const r of results) {
    // Only the last checkout (this one) has to meet the targets; `--before` is for comparison.
    isLast = r === results[results.length - 1];
    console.log(
      `\n== ${r.label} (${r.dir}) — start ${r.startMs} ms (doel ≤ ${HTTP_TARGETS.startMs}) ${ok(r.startMs <= HTTP_TARGETS.startMs)}`,
    );
    if (r.throughput.length) {
      console.log(
        `${"route (50 verbindingen)".padEnd(34)}${pad("req/s", 9)}${pad("aandeel", 9)}${pad("p50 ms", 8)}${pad("non2xx", 8)}  doel`,
      );
      for (const h of r.hello)
        console.log(
          `${"hello-world".padEnd(34)}${pad(h.rps, 9)}${pad("100 %", 9)}${pad(h.p50ms, 8)}${pad(h.non2xx, 8)}`,
        );
      for (const t of r.sameAnswer)
        console.log(
          `${t.name.padEnd(34)}${pad(t.rps, 9)}${pad(`${t.share} %`, 9)}${pad(t.p50ms, 8)}${pad(t.non2xx, 8)}  (referentie: dezelfde headers en bytes)`,
        );
      for (const t of r.throughput) {
        const target = shareTarget(t.name);
        // Against hello-world sending this very answer: what the app itself adds, when the
        // answer's own headers and bytes already take part of the share.
        const same = r.sameAnswer.find((a) => a.name.endsWith(t.name.split(" ")[0]));
        const own = same
          ? ` · ${Math.round((t.rps / same.rps) * 100)} % van hello met dit antwoord`
          : "";
        console.log(
          `${t.name.padEnd(34)}${pad(t.rps, 9)}${pad(`${t.share} %`, 9)}${pad(t.p50ms, 8)}${pad(t.non2xx, 8)}  ≥ ${target} % ${ok(t.share >= target && t.non2xx === 0)}${own}`,
        );
      }
    }
    if (r.cold) {
      console.log(
        `${"koud zoeken (na een schrijfactie)".padEnd(34)}${pad("p50", 9)}${pad("p95", 9)}${pad("n", 5)}  doel`,
      );
      for (const k of r.cold.kinds)
        console.log(
          `${k.kind.padEnd(34)}${pad(k.ms.p50.toFixed(1), 9)}${pad(k.ms.p95.toFixed(1), 9)}${pad(k.ms.n, 5)}${pad(k.cpuMsPerRequest, 8)}  ≤ ${HTTP_TARGETS.coldP95Ms} ${ok(k.ms.p95 <= HTTP_TARGETS.coldP95Ms && k.statuses.every((s) => s === 200))}`,
        );
      console.log(
        `${"CSV hele openbare lijst".padEnd(34)}${pad(r.cold.csv.ms.p50.toFixed(0), 9)}${pad(r.cold.csv.ms.p95.toFixed(0), 9)}${pad(r.cold.csv.ms.n, 5)}${pad(r.cold.csv.cpuMsPerRequest, 8)}  ≤ ${HTTP_TARGETS.csvMs} ${ok(r.cold.csv.ms.p95 <= HTTP_TARGETS.csvMs && r.cold.csv.status === 200)}`,
      );
      console.log(
        `RSS server: piek ${r.cold.rssPeakMb} MB, daarna ${r.cold.rssAfterMb} MB (doel ≤ ${HTTP_TARGETS.rssMb}) ${ok(r.cold.rssPeakMb <= HTTP_TARGETS.rssMb)}`,
      );
    }
  }
  return pass;
}
