// The clickable province map: each province's count as a visible number, a legend, the chosen
// province marked, and for a search around a point the origin and the results as dots.
import { provinceMapViewBox, provincePaths } from "./province-paths";
import { project, UNITS_PER_KM } from "./map-projection";

export type ProvinceCount = { code: string; name: string; count: number };
export type MapDot = { href: string; lat: number; lon: number; label: string };

/** Where each count sits: the centroid of the province's largest outline (map units). */
const LABEL_AT: Record<string, [number, number]> = {
  GR: [524, 92],
  FR: [392, 124],
  DR: [505, 181],
  OV: [478, 286],
  FL: [347, 265],
  GE: [410, 382],
  UT: [281, 376],
  NH: [236, 259],
  ZH: [174, 411],
  ZE: [88, 509],
  NB: [285, 507],
  LI: [402, 595],
};

/** Four clearly different steps; the legend states the range of each. */
const STEPS = 4;

function step(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(STEPS, Math.max(1, Math.ceil((count / max) * STEPS)));
}

function legendRanges(max: number): { step: number; text: string }[] {
  const ranges = [{ step: 0, text: "geen" }];
  if (max <= 0) return ranges;
  let from = 1;
  for (let s = 1; s <= STEPS; s++) {
    const to = Math.floor((s / STEPS) * max);
    if (to >= from) {
      ranges.push({ step: s, text: from === to ? `${from}` : `${from}–${to}` });
      from = to + 1;
    }
  }
  return ranges;
}

function people(n: number) {
  return `${n} ${n === 1 ? "praktijkbeoordelaar" : "praktijkbeoordelaars"}`;
}

/** Dots at the same place are fanned out a little, so that each stays clickable. */
function spread(dots: MapDot[]): (MapDot & { x: number; y: number })[] {
  const seen = new Map<string, number>();
  return dots.map((d) => {
    const p = project(d.lat, d.lon);
    const key = `${p.x},${p.y}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === 0) return { ...d, ...p };
    const angle = n * 2.4;
    const r = 7 + 2 * Math.sqrt(n);
    return { ...d, x: p.x + r * Math.cos(angle), y: p.y + r * Math.sin(angle) };
  });
}

export function ProvinceMap(props: {
  counts: ProvinceCount[];
  selected?: string;
  hrefFor: (code: string) => string;
  origin?: { lat: number; lon: number; label: string };
  radiusKm?: number;
  dots?: MapDot[];
}) {
  const byCode = new Map(props.counts.map((c) => [c.code, c.count]));
  const max = Math.max(0, ...props.counts.map((c) => c.count));
  const selectedName = provincePaths.find((p) => p.code === props.selected)?.name;
  const origin = props.origin ? project(props.origin.lat, props.origin.lon) : null;
  const dots = spread(props.dots ?? []);
  return (
    <figure class="province-map">
      <svg viewBox={provinceMapViewBox} role="group" aria-labelledby="map-title" focusable="false">
        <title id="map-title">
          {origin
            ? `Kaart van Nederland: aantal praktijkbeoordelaars per provincie, en de gevonden praktijkbeoordelaars rond ${props.origin!.label}`
            : "Kaart van Nederland: aantal praktijkbeoordelaars per provincie"}
        </title>
        {provincePaths.map((p) => {
          const count = byCode.get(p.code) ?? 0;
          const chosen = props.selected === p.code;
          const label = `${p.name}: ${people(count)}${chosen ? " (gekozen)" : ""}`;
          return (
            <a
              href={props.hrefFor(p.code)}
              aria-label={label}
              class={chosen ? "province selected" : "province"}
              aria-current={chosen ? "true" : undefined}
            >
              <path d={p.d} class={`shade-${step(count, max)}`}>
                <title>{label}</title>
              </path>
            </a>
          );
        })}
        {props.selected ? (
          <path
            class="selected-outline"
            d={provincePaths.find((p) => p.code === props.selected)?.d ?? ""}
            aria-hidden="true"
          />
        ) : null}
        <g class="map-counts" aria-hidden="true">
          {provincePaths.map((p) => {
            const [x, y] = LABEL_AT[p.code];
            const count = byCode.get(p.code) ?? 0;
            return (
              <text
                x={x}
                y={y}
                class={`count-label on-${step(count, max)}${props.selected === p.code ? " chosen" : ""}`}
              >
                {count.toLocaleString("nl-NL")}
              </text>
            );
          })}
        </g>
        {origin && props.radiusKm ? (
          <circle
            class="map-radius"
            cx={origin.x}
            cy={origin.y}
            r={Math.round(props.radiusKm * UNITS_PER_KM * 10) / 10}
            aria-hidden="true"
          />
        ) : null}
        {dots.map((d) => (
          <a href={d.href} aria-label={d.label} class="map-dot">
            <circle cx={d.x} cy={d.y} r="7">
              <title>{d.label}</title>
            </circle>
          </a>
        ))}
        {origin ? (
          <g
            class="map-origin"
            role="img"
            pointer-events="none"
            aria-label={`Zoekpunt: ${props.origin!.label}`}
          >
            <title>{`Zoekpunt: ${props.origin!.label}`}</title>
            <circle cx={origin.x} cy={origin.y} r="9" />
            <circle cx={origin.x} cy={origin.y} r="3" class="map-origin-core" />
          </g>
        ) : null}
      </svg>
      <figcaption>
        <ul class="map-legend" aria-label="Legenda">
          {legendRanges(max).map((r) => (
            <li>
              <span class={`swatch shade-${r.step}`} aria-hidden="true"></span>
              {r.text}
            </li>
          ))}
        </ul>
        {origin ? (
          <ul class="map-legend map-legend-dots">
            <li>
              <span class="swatch-origin" aria-hidden="true"></span>
              {`zoekpunt (${props.origin!.label})`}
            </li>
            <li>
              <span class="swatch-dot" aria-hidden="true"></span>
              gevonden praktijkbeoordelaar (op deze pagina)
            </li>
          </ul>
        ) : null}
        <p class="small muted">
          {selectedName
            ? `Gekozen provincie: ${selectedName}. Klik op een andere provincie om daarop te filteren.`
            : "Het getal is het aantal praktijkbeoordelaars. Klik op een provincie om daarop te filteren."}
        </p>
      </figcaption>
    </figure>
  );
}
