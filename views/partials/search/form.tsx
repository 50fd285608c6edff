// The search form: free text, province, place with radius, crebo, sort (works without JavaScript).
import type { SearchView } from "./types";

const RADII = ["5", "10", "25", "50", "100"];

export function PlaceField(props: { view: SearchView; oob?: boolean }) {
  const { form, places, errors } = props.view;
  const error = errors.place ?? errors.near;
  return (
    <div
      id="place-field"
      class={error ? "field has-error" : "field"}
      hx-swap-oob={props.oob ? "true" : undefined}
    >
      <label for="place">Plaats</label>
      {error ? (
        <p class="field-error" id="place-error">
          {error}
        </p>
      ) : null}
      <select id="place" name="place" aria-describedby={error ? "place-error" : "place-hint"}>
        <option value="">{places.length ? "Alle plaatsen" : "Kies eerst een provincie"}</option>
        {places.map((p) => (
          <option value={p.code} selected={p.code === form.place}>
            {p.name === p.municipality ? p.name : `${p.name} (${p.municipality})`}
          </option>
        ))}
      </select>
      <p class="hint small" id="place-hint">
        De lijst toont de plaatsen in de gekozen provincie.
      </p>
    </div>
  );
}

export function SearchFormFields(props: { view: SearchView }) {
  const { form, provinces, crebos, errors } = props.view;
  return (
    <form
      id="search-form"
      class="search-form"
      action="/"
      method="get"
      role="search"
      hx-get="/"
      hx-target="#results"
      hx-swap="outerHTML"
      hx-trigger="submit, change, input delay:350ms from:#q"
      hx-indicator="#search-busy"
    >
      <div class={errors.q ? "field search-box has-error" : "field search-box"}>
        <label for="q">Zoek een praktijkbeoordelaar</label>
        <p class="hint" id="q-hint">
          Op naam, organisatie, school, crebonummer of kwalificatie.
        </p>
        {errors.q ? (
          <p class="field-error" id="q-error">
            {errors.q}
          </p>
        ) : null}
        <div class="search-row">
          <input
            type="search"
            id="q"
            name="q"
            value={form.q ?? ""}
            maxlength={200}
            autocomplete="off"
            aria-describedby={errors.q ? "q-hint q-error" : "q-hint"}
            aria-controls="results"
          />
          <button type="submit" class="button">
            Zoeken
          </button>
        </div>
      </div>
      <div class="filters">
        <div class={errors.province ? "field has-error" : "field"}>
          <label for="province">Provincie</label>
          {errors.province ? <p class="field-error">{errors.province}</p> : null}
          <select id="province" name="province">
            <option value="">Alle provincies</option>
            {provinces.map((p) => (
              <option value={p.code} selected={p.code === form.province}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <PlaceField view={props.view} />
        <div class={errors.radius_km ? "field has-error" : "field"}>
          <label for="radius_km">Straal rond de plaats</label>
          {errors.radius_km ? <p class="field-error">{errors.radius_km}</p> : null}
          <select id="radius_km" name="radius_km">
            <option value="">Alleen deze plaats</option>
            {RADII.map((r) => (
              <option value={r} selected={r === form.radius_km}>
                {`binnen ${r} km`}
              </option>
            ))}
          </select>
        </div>
        <div class={errors.crebo ? "field has-error" : "field"}>
          <label for="crebo">Crebo (kwalificatie)</label>
          {errors.crebo ? <p class="field-error">{errors.crebo}</p> : null}
          <select id="crebo" name="crebo">
            <option value="">Alle crebo's</option>
            {crebos.map((c) => (
              <option value={c.code} selected={c.code === form.crebo}>
                {`${c.code} ${c.name}${c.level ? ` (niveau ${c.level})` : ""}`}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" class="button secondary">
            Filters toepassen
          </button>
        </noscript>
      </div>
    </form>
  );
}
