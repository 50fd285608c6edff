// The data the search page and its fragments render: the form as typed and the results view.
import type { Crebo, Place, Province } from "#src/queries/reference";
import type { SearchResult } from "#src/search/search";

export type SearchForm = {
  q?: string;
  province?: string;
  place?: string;
  radius_km?: string;
  crebo?: string;
  sort?: string;
};

export type SearchView = {
  form: SearchForm;
  result: SearchResult | null;
  errors: Record<string, string>;
  provinces: Province[];
  places: Place[];
  crebos: Crebo[];
  /** Query string of the current search in API parameter names, e.g. "?q=jan&province=UT". */
  query: string;
  /** Builds a link to the same search with some parameters changed. */
  linkWith: (changes: Record<string, string | undefined>) => string;
};
