// Where a lat/lon lies on the province map: the projection of db/reference/provinces.svg
// (equirectangular around 52.2°, see db/reference/README.md), and the nearest of a few places.

const SCALE = 251.0106;
const X_SCALE = Math.cos((52.2 * Math.PI) / 180) * SCALE;

/** SVG coordinates of a WGS84 point, in the map's viewBox (0 0 599 711). */
export function project(lat: number, lon: number): { x: number; y: number } {
  return {
    x: Math.round((lon - 3.338) * X_SCALE * 10) / 10,
    y: Math.round((53.574 - lat) * SCALE * 10) / 10,
  };
}

/** Map units per km (one unit is about 0.443 km). */
export const UNITS_PER_KM = SCALE / 111.195;

/** The place closest to `origin` (equirectangular distance; fine at this scale). */
export function nearestPlace<P extends { lat: number; lon: number }>(
  origin: { lat: number; lon: number },
  places: P[],
): P | undefined {
  const k = Math.cos((origin.lat * Math.PI) / 180);
  let best: P | undefined;
  let bestD = Infinity;
  for (const p of places) {
    const d = (p.lat - origin.lat) ** 2 + ((p.lon - origin.lon) * k) ** 2;
    if (d < bestD) {
      bestD = d;
      best = p;
    }
  }
  return best;
}
