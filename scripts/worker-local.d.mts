// Types for scripts/worker-local.mjs (used by the worker tests).
import type { ChildProcess } from "node:child_process";

export const root: string;
export const wranglerBin: string;
export function tail(text: string, chars?: number): string;

export type RunOptions = { timeoutMs?: number; env?: Record<string, string>; quiet?: boolean };
export function runWrangler(
  args: string[],
  opts?: RunOptions,
): Promise<{ stdout: string; stderr: string }>;
export function applyMigrations(
  persistTo: string | undefined,
  opts?: RunOptions,
): Promise<{ stdout: string; stderr: string }>;
export function executeSqlFile(
  persistTo: string | undefined,
  file: string,
  opts?: RunOptions,
): Promise<{ stdout: string; stderr: string }>;
export function queryLocal(
  persistTo: string | undefined,
  sql: string,
  opts?: RunOptions,
): Promise<Record<string, unknown>[]>;
export function freePort(): Promise<number>;

export type WranglerDev = {
  url: string;
  port: number;
  child: ChildProcess;
  logs(): string;
  stop(): Promise<void>;
};
export function startWranglerDev(opts?: {
  port?: number;
  persistTo?: string;
  vars?: Record<string, string>;
  config?: string;
  readyTimeoutMs?: number;
  inherit?: boolean;
  logLevel?: string;
  extraArgs?: string[];
}): Promise<WranglerDev>;
export function prepareLocalDatabase(opts: {
  persistTo?: string;
  referenceSql: string;
  demoSql?: string;
  quiet?: boolean;
}): Promise<void>;
export function wranglerTomlValue(key: string): string;
export function writeBundleConfig(
  file: string,
  opts: { main: string; assets?: boolean; d1?: boolean },
): string;
export function localD1File(persistTo: string): string;
