// Work that must not change how long a response takes (e.g. whether an account exists shows in the
// time a reset mail costs): it runs after the response has gone out.
import type { Context } from "hono";
import type { AppEnv } from "#src/env";

/**
 * Runs `task` once the current response is on its way: on Workers through waitUntil, on Node as a
 * detached promise started on the next timer tick. Failures are logged with the request id.
 * deps.background (tests) receives the promise so it can be awaited.
 */
export function afterResponse(c: Context<AppEnv>, task: () => Promise<unknown>): void {
  const requestId = c.get("requestId");
  const run = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(task).then(
    () => undefined,
    (err) => console.error(`[${requestId}] after the response:`, err),
  );
  const extended = c.get("deps").background?.(run);
  try {
    c.executionCtx.waitUntil(extended instanceof Promise ? extended : run);
  } catch {
    // Node has no execution context: the promise runs on its own.
  }
}
