// Which places a search word names ("amersfoort" → the places in Amersfoort, by place name or
// municipality), so that `q` also finds the assessors who work there. Reference data: read
// once per database and kept in memory (2,501 places).
import type { DB } from "#src/db";
import { placeNames } from "#src/queries/reference";
import { words } from "#src/lib/normalise";

type PlaceWords = { code: string; words: string[]; name: string; municipality: string }[];

/** Words that name no place on their own ("de" would match every "De …" village). */
const STOP_WORDS = new Set([
  "de",
  "het",
  "den",
  "der",
  "van",
  "aan",
  "op",
  "en",
  "s",
  "t",
  "in",
  "bij",
]);

const cache = new WeakMap<DB, Promise<PlaceWords>>();

/** Reads the place names now (the Node server at start), so no search waits for them. */
export function preloadPlaceWords(db: DB): Promise<unknown> {
  return loadPlaceWords(db);
}

function loadPlaceWords(db: DB): Promise<PlaceWords> {
  let entry = cache.get(db);
  if (!entry) {
    entry = placeNames(db).then((rows) =>
      rows.map((p) => ({
        code: p.code,
        words: [...new Set([...words(p.name), ...words(p.municipality)])],
        name: words(p.name).join(" "),
        municipality: words(p.municipality).join(" "),
      })),
    );
    cache.set(db, entry);
    entry.catch(() => cache.delete(db));
  }
  return entry;
}

/**
 * A word names a place when it equals a word of the place's name or municipality, or, from five
 * characters on, starts one ("amers" while typing): short words would otherwise match too much.
 */
function matches(word: string, placeWord: string): boolean {
  return placeWord === word || (word.length >= 5 && placeWord.startsWith(word));
}

/**
 * The places a query names. When the whole query is a place or municipality name ("bergen op
 * zoom") it names those places as one phrase; otherwise each word (stop words excepted) names
 * the places it matches. Returns the words and their place codes; words naming nothing are absent.
 */
export async function placesNamedBy(
  db: DB,
  queryWords: string[],
): Promise<{ words: string[]; codes: string[] }[]> {
  if (queryWords.length === 0) return [];
  const all = await loadPlaceWords(db);
  if (queryWords.length > 1) {
    const phrase = queryWords.join(" ");
    const codes = all
      .filter((p) => p.name === phrase || p.municipality === phrase)
      .map((p) => p.code);
    if (codes.length > 0) return [{ words: queryWords, codes }];
  }
  const named: { words: string[]; codes: string[] }[] = [];
  for (const w of new Set(queryWords)) {
    if (STOP_WORDS.has(w)) continue;
    const codes = all.filter((p) => p.words.some((pw) => matches(w, pw))).map((p) => p.code);
    if (codes.length > 0) named.push({ words: [w], codes });
  }
  return named;
}
