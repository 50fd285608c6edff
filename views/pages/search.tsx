// The public search page (/). SearchResults is also the htmx partial: one component for both.
import type { AuthContext } from "#src/env";
import { Layout } from "../layout";
import { SearchFormFields } from "../partials/search/form";
import { SearchResults } from "../partials/search/results";
import type { SearchView } from "../partials/search/types";

export { PlaceField } from "../partials/search/form";
export { FIELD_LABELS, SearchResults } from "../partials/search/results";
export type { SearchForm, SearchView } from "../partials/search/types";

export function SearchPage(props: { view: SearchView; auth: AuthContext | null }) {
  return (
    <Layout title="Zoeken" auth={props.auth} current="/" styles={["/static/search.css"]}>
      <h1 class="page-title">Vind een gekwalificeerde praktijkbeoordelaar</h1>
      <p class="lead">
        Praktijkbeoordelaars beoordelen mbo-studenten in de metaal, elektro en installatietechniek.
        U vindt hier iedereen die op dit moment aan de eisen van het register voldoet en toestemming
        gaf voor vermelding.
      </p>
      <SearchFormFields view={props.view} />
      <SearchResults view={props.view} />
    </Layout>
  );
}
