// Which places a search word names ("amersfoort" → the places in Amersfoort, by place name or
// municipality), so that `q` also finds the assessors who work there. Reference data: read
// once per database and kept in memory (2,501 places).
import type { DB } from "../db";
import { placeNames } from "../queries/reference";
import { words } from "./normalise";

type PlaceWords = { code: string; words: string[] }[];

const cache = new WeakMap<DB, Promise<PlaceWords>>();

function loadPlaceWords(db: DB): Promise<PlaceWords> {
  let entry = cache.get(db);
  if (!entry) {
    entry = placeNames(db).then((rows) =>
      rows.map((p) => ({
        code: p.code,
        words: [...new Set([...words(p.name), ...words(p.municipality)])],
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

/** For each normalised query word, the codes of the places it names (absent when none). */
export async function placesNamedBy(db: DB, queryWords: string[]): Promise<Map<string, string[]>> {
  const named = new Map<string, string[]>();
  if (queryWords.length === 0) return named;
  const all = await loadPlaceWords(db);
  for (const w of new Set(queryWords)) {
    const codes = all.filter((p) => p.words.some((pw) => matches(w, pw))).map((p) => p.code);
    if (codes.length > 0) named.set(w, codes);
  }
  return named;
}
