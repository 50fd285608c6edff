// "Is this an htmx request that wants a fragment?" — decided once for every area.
import type { Context } from "hono";

/**
 * htmx swaps a fragment; a history restore, a boosted link or a full-page request
 * (HX-Request-Type: full) needs the whole page, as does a browser without JavaScript.
 * Responses that differ by this must send `Vary: HX-Request` (see varyOnHtmx).
 */
export function isHtmxRequest(c: Context): boolean {
  return (
    c.req.header("HX-Request") === "true" &&
    c.req.header("HX-History-Restore-Request") !== "true" &&
    c.req.header("HX-Request-Type") !== "full" &&
    c.req.header("HX-Boosted") !== "true"
  );
}

/** The same URL answers htmx with a fragment and browsers with the page: caches must know. */
export function varyOnHtmx(c: Context): void {
  c.header("Vary", "HX-Request", { append: true });
}
