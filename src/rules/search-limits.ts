// Limits of the public search that both the search and the page wording share (ADR 0004).

/**
 * A text search matching more register entries than this (a 3-letter substring such as "tec"
 * matches most of the register) is broad: its total is counted up to this cap and its facets are
 * not counted, so a live search after three letters stays fast at 100,000 assessors.
 */
export const BROAD_MATCH = 2000;
