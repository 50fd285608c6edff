// Fingerprinted URLs for files in public/: `/static/app.css?v=<hash>` when the server knows the
// hash (Node holds public/ in memory), the plain path otherwise (Workers' assets binding).
const fingerprints = new Map<string, string>();

/** Set once at start by the Node entry, from the files it loaded. */
export function setAssetFingerprints(hashes: Iterable<[string, string]>): void {
  fingerprints.clear();
  for (const [path, hash] of hashes) fingerprints.set(path, hash);
}

export function assetUrl(path: string): string {
  const hash = fingerprints.get(path);
  return hash ? `${path}?v=${hash}` : path;
}
