// A response body kept in memory (a static file, a rendered public page, a JSON answer), with its
// compressed forms made once, on first use, and a small cache of them per data generation.

export type Encoding = "br" | "gzip";
/** Compresses a body (Node: node:zlib); absent on runtimes that compress at the edge. */
export type Compressor = (body: Uint8Array, encoding: Encoding) => Uint8Array;

/** Below this size compression costs more than it saves. */
export const MIN_COMPRESS_BYTES = 1024;

const utf8 = new TextEncoder();

export class CachedBody {
  readonly body: Uint8Array;
  private readonly encoded = new Map<Encoding, Uint8Array>();
  constructor(
    body: Uint8Array | string,
    readonly contentType: string,
    /** Headers that belong to the body (e.g. HX-Push-Url of a cached htmx partial). */
    readonly headers: Record<string, string> = {},
  ) {
    this.body = typeof body === "string" ? utf8.encode(body) : body;
  }

  get size(): number {
    return this.body.byteLength;
  }

  /** The body in `encoding`, compressed the first time it is asked for. */
  encodedAs(encoding: Encoding, compress: Compressor): Uint8Array {
    let out = this.encoded.get(encoding);
    if (!out) {
      out = compress(this.body, encoding);
      this.encoded.set(encoding, out);
    }
    return out;
  }
}

/**
 * Bodies per key, valid for one generation (the data version and today): a new generation drops
 * them all. Bounded by entries and bytes; the oldest entry goes first.
 */
export class BodyCache {
  private generation = "";
  private entries = new Map<string, Promise<CachedBody>>();
  private sizes = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 1000,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** The body kept for `key` in this generation (possibly still being built), if any. */
  peek(generation: string, key: string): Promise<CachedBody> | undefined {
    return generation === this.generation ? this.entries.get(key) : undefined;
  }

  get(generation: string, key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    if (generation !== this.generation) {
      this.generation = generation;
      this.entries = new Map();
      this.sizes = new Map();
      this.bytes = 0;
    }
    const found = this.entries.get(key);
    if (found) return found;
    const entries = this.entries;
    const made = build();
    entries.set(key, made);
    made.then(
      (body) => {
        if (entries !== this.entries || entries.get(key) !== made) return;
        this.sizes.set(key, body.size);
        this.bytes += body.size;
        while (this.bytes > this.maxBytes || entries.size > this.maxEntries) {
          const oldest = entries.keys().next().value!;
          entries.delete(oldest);
          this.bytes -= this.sizes.get(oldest) ?? 0;
          this.sizes.delete(oldest);
        }
      },
      // A failed build is not remembered.
      () => {
        if (entries.get(key) === made) entries.delete(key);
      },
    );
    return made;
  }
}

const chosen = new Map<string, Encoding | null>();

/** The encoding to send for an Accept-Encoding header: br, then gzip; none when refused. */
export function chooseEncoding(accept: string | undefined): Encoding | null {
  if (!accept) return null;
  // Clients send a handful of distinct headers: each is parsed once.
  const known = chosen.get(accept);
  if (known !== undefined) return known;
  const encoding = parseAcceptEncoding(accept);
  if (chosen.size < 100) chosen.set(accept, encoding);
  return encoding;
}

function parseAcceptEncoding(accept: string): Encoding | null {
  const allowed = new Map<string, number>();
  for (const part of accept.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    allowed.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (allowed.get(name) ?? allowed.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return null;
}

/** public/ held in memory (Node): URL path (e.g. "/static/app.css") → body and fingerprint. */
export type StaticFile = { body: CachedBody; hash: string };
export type StaticFiles = Map<string, StaticFile>;
