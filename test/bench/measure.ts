// Benchmark tools: latency statistics, a libSQL client that records the SQL a request sends (so
// the same statements can be replayed raw as the baseline), and an RSS sampler.
import type { Client, InStatement, TransactionMode } from "@libsql/client";

export type Stats = { n: number; p50: number; p95: number; p99: number; mean: number; min: number };

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    n: s.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    min: round(s[0]),
  };
}

export async function time(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

export type SqlCall =
  | { kind: "execute"; stmt: InStatement }
  | { kind: "batch"; stmts: InStatement[]; mode?: TransactionMode };

/** Wraps a client; between start() and stop() every execute/batch call is recorded. */
export function recordingClient(client: Client) {
  let log: SqlCall[] | null = null;
  const proxy = new Proxy(client, {
    get(target, prop) {
      if (prop === "execute")
        return (stmt: InStatement, args?: unknown) => {
          if (args !== undefined) throw new Error("execute(sql, args) is not recorded");
          log?.push({ kind: "execute", stmt });
          return target.execute(stmt);
        };
      if (prop === "batch")
        return (stmts: InStatement[], mode?: TransactionMode) => {
          log?.push({ kind: "batch", stmts, mode });
          return target.batch(stmts, mode);
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    client: proxy as Client,
    start: () => {
      log = [];
    },
    stop: (): SqlCall[] => {
      const calls = log ?? [];
      log = null;
      return calls;
    },
  };
}

export function statementCount(calls: SqlCall[]): number {
  return calls.reduce((n, c) => n + (c.kind === "execute" ? 1 : c.stmts.length), 0);
}

/** Sends the recorded statements straight to libSQL, in the same order and grouping. */
export async function replay(client: Client, calls: SqlCall[]): Promise<void> {
  for (const call of calls) {
    if (call.kind === "execute") await client.execute(call.stmt);
    else await client.batch(call.stmts, call.mode);
  }
}

export type MemoryBurst = {
  requests: number;
  concurrency: number;
  ms: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
  peakDeltaMb: number;
  heapPeakMb: number;
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Runs `requests` calls, `concurrency` at a time, sampling RSS every 2 ms. */
export async function memoryBurst(
  requests: number,
  concurrency: number,
  run: (i: number) => Promise<unknown>,
): Promise<MemoryBurst> {
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 2);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) await run(next++);
    }),
  );
  const ms = performance.now() - t0;
  clearInterval(timer);
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  return {
    requests,
    concurrency,
    ms: Math.round(ms),
    rssBeforeMb: mb(before.rss),
    rssPeakMb: mb(peakRss),
    rssAfterMb: mb(after.rss),
    peakDeltaMb: mb(peakRss - before.rss),
    heapPeakMb: mb(peakHeap),
  };
}
