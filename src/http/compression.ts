// Compresses HTML, JSON and CSV answers over 1 KB for clients that accept it (Node; Workers
// compresses at the edge). A cached body is compressed once and reused; a stream (the CSV) is
// gzipped as it goes.
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env";
import { chooseEncoding, MIN_COMPRESS_BYTES, type Compressor } from "./cached-body";

const COMPRESSIBLE =
  /^(text\/html|application\/json|text\/csv|text\/css|text\/javascript|application\/javascript|image\/svg\+xml)/;

export function compression(compress: Compressor | undefined) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (!compress) return;
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    if (!COMPRESSIBLE.test(type) || res.headers.has("content-encoding")) return;
    res.headers.append("Vary", "Accept-Encoding");
    if (c.req.method === "HEAD" || res.status !== 200 || !res.body) return;
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (!encoding) return;
    const cached = c.get("cachedBody");
    let body: Uint8Array | ReadableStream<Uint8Array>;
    let used = encoding;
    if (cached) {
      if (cached.size < MIN_COMPRESS_BYTES) return;
      body = cached.encodedAs(encoding, compress);
    } else if (c.get("streamedBody")) {
      // Streamed answers are gzipped chunk by chunk (CompressionStream has no brotli).
      body = res.body.pipeThrough(new CompressionStream("gzip"));
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
