// The clickable province map, shaded by the number of matching assessors per province.
import { provinceMapViewBox, provincePaths } from "./province-paths";

export type ProvinceCount = { code: string; name: string; count: number };

function shade(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.max(1, Math.ceil((count / max) * 5));
}

export function ProvinceMap(props: {
  counts: ProvinceCount[];
  selected?: string;
  hrefFor: (code: string) => string;
}) {
  const byCode = new Map(props.counts.map((c) => [c.code, c.count]));
  const max = Math.max(0, ...props.counts.map((c) => c.count));
  return (
    <figure class="province-map">
      <svg viewBox={provinceMapViewBox} role="group" aria-labelledby="map-title" focusable="false">
        <title id="map-title">Kaart van Nederland: aantal praktijkbeoordelaars per provincie</title>
        {provincePaths.map((p) => {
          const count = byCode.get(p.code) ?? 0;
          const label = `${p.name}: ${count} ${count === 1 ? "praktijkbeoordelaar" : "praktijkbeoordelaars"}`;
          return (
            <a
              href={props.hrefFor(p.code)}
              aria-label={label}
              class={props.selected === p.code ? "selected" : undefined}
            >
              <path d={p.d} class={`shade-${shade(count, max)}`}>
                <title>{label}</title>
              </path>
            </a>
          );
        })}
      </svg>
      <figcaption class="small muted">Klik op een provincie om daarop te filteren.</figcaption>
    </figure>
  );
}
