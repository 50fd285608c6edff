// Idempotency-Key on API POSTs (DESIGN §5): same key + same body replays the first response,
// a different body is 422 idempotency_mismatch. Keys are scoped per school.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import { apiError } from "#src/http/errors";
import { sha256Hex } from "#src/lib/ids";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from "#src/queries/idempotency";
import { actorFrom, idempotencyScope } from "#src/rules/access";

const KEY = /^[\x21-\x7e]{1,200}$/;

export const idempotency = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header("idempotency-key");
  const auth = c.get("auth");
  if (c.req.method !== "POST" || key === undefined || !auth) return next();
  if (!KEY.test(key))
    return apiError(
      c,
      400,
      "invalid_idempotency_key",
      "De Idempotency-Key moet 1 tot 200 zichtbare tekens lang zijn.",
      {
        "Idempotency-Key": "Gebruik 1 tot 200 zichtbare tekens (bijvoorbeeld een UUID).",
      },
    );
  const db = c.get("db");
  const scope = idempotencyScope(actorFrom(auth, null));
  const body = await c.req.raw.clone().text();
  const hash = await sha256Hex(`${c.req.method} ${new URL(c.req.url).pathname}\n${body}`);
  const claim = await claimIdempotencyKey(db, scope, key, hash, c.get("now"));
  if (claim.kind === "mismatch")
    return apiError(
      c,
      422,
      "idempotency_mismatch",
      "Deze Idempotency-Key is al gebruikt voor een ander verzoek. Gebruik een nieuwe sleutel voor een nieuw verzoek.",
    );
  if (claim.kind === "in_progress")
    return apiError(
      c,
      409,
      "idempotency_in_progress",
      "Een verzoek met deze Idempotency-Key wordt nog verwerkt. Probeer het zo opnieuw.",
    );
  if (claim.kind === "replay") {
    return new Response(claim.body, {
      status: claim.status,
      headers: { "Content-Type": "application/json; charset=UTF-8", "Idempotent-Replayed": "true" },
    });
  }
  try {
    await next();
  } catch (err) {
    await releaseIdempotencyKey(db, scope, key);
    throw err;
  }
  if (c.res.status >= 500) {
    await releaseIdempotencyKey(db, scope, key);
    return;
  }
  await completeIdempotencyKey(db, scope, key, c.res.status, await c.res.clone().text());
});
