// Compresses HTML, JSON and CSV answers over 1 KB for clients that accept it (Node; Workers
// compresses at the edge). A cached body is compressed once and reused; a stream (the CSV) is
// gzipped as it goes.
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "#src/env";
import {
  chooseEncoding,
  MIN_COMPRESS_BYTES,
  type CachedBody,
  type Compressor,
} from "#src/lib/cached-body";

const COMPRESSIBLE =
  /^(text\/html|application\/json|text\/csv|text\/css|text\/javascript|application\/javascript|image\/svg\+xml)/;

/**
 * Sends a kept body: in the encoding the client accepts, compressed once per body and reused, so a
 * cached answer costs no compression and no second Response.
 */
export function sendKept(c: Context<AppEnv>, body: CachedBody, status: 200 | 404 | 422 = 200) {
  c.set("cachedBody", body);
  for (const [name, value] of Object.entries(body.headers)) c.header(name, value);
  c.header("Content-Type", body.contentType);
  const compress = c.get("deps").compress;
  if (compress && COMPRESSIBLE.test(body.contentType)) {
    c.header("Vary", "Accept-Encoding", { append: true });
    const encoding =
      status === 200 && body.size >= MIN_COMPRESS_BYTES
        ? chooseEncoding(c.req.header("accept-encoding"))
        : null;
    if (encoding) {
      c.header("Content-Encoding", encoding);
      return c.body(body.encodedAs(encoding, compress) as Uint8Array<ArrayBuffer>, status);
    }
  }
  return c.body(body.body as Uint8Array<ArrayBuffer>, status);
}

export function compression(compress: Compressor | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    // Kept bodies were sent in their encoding by sendKept.
    if (!compress || c.get("cachedBody")) return;
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    if (!COMPRESSIBLE.test(type) || res.headers.has("content-encoding")) return;
    res.headers.append("Vary", "Accept-Encoding");
    if (c.req.method === "HEAD" || res.status !== 200 || !res.body) return;
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (!encoding) return;
    let body: Uint8Array | ReadableStream<Uint8Array>;
    let used = encoding;
    if (c.get("streamedBody")) {
      // Streamed answers are gzipped chunk by chunk (CompressionStream has no brotli).
      const gzip = c.get("deps").gzipStream?.() ?? new CompressionStream("gzip");
      body = res.body.pipeThrough(gzip);
      used = "gzip";
    } else {
      const plain = new Uint8Array(await res.arrayBuffer());
      if (plain.byteLength < MIN_COMPRESS_BYTES) {
        c.res = undefined as unknown as Response;
        c.res = new Response(plain, res);
        return;
      }
      body = compress(plain, encoding);
    }
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    headers.set("Content-Encoding", used);
    // Assigning undefined first stops Hono from copying the old headers (Content-Length) back.
    c.res = undefined as unknown as Response;
    c.res = new Response(body as BodyInit, { status: res.status, headers });
  });
}
