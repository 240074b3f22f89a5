/**
 * The regional view: a schematic map of the scenario's regions as a graph (not to scale), laid
 * out roughly as they lie — Colombia north, the Alto Huallaga and the rest of Peru in the middle,
 * the three VRAEM valleys south, Bolivia south-east — with the neighbour links along which coca is
 * displaced. Each region is a disc whose area and colour grow with its coca, ringed in red by
 * the share an armed group controls (an arc around the disc). Regions a scenario adds are placed on a ring around them.
 * `regionMapSvg` draws the static frame; `updateRegionMap` sets a month's values in place.
 */
import { escapeHtml as esc, formatNumber } from '../format.ts';
import type { RegionInfo } from './protocol.ts';

/** Positions of the bundled regions (pixels in the W × H box), rows from north to south. */
const PLACES: Record<string, [number, number]> = {
  colombia: [330, 70],
  'alto-huallaga': [150, 200],
  'peru-other': [110, 360],
  'vraem-mantaro': [330, 300],
  'vraem-ene': [525, 360],
  'vraem-apurimac': [360, 460],
  bolivia: [515, 545],
};

/** The VRAEM's valleys, drawn inside one outline. */
const VRAEM = ['vraem-apurimac', 'vraem-ene', 'vraem-mantaro'];

const W = 640;
const H = 690;
/** Largest disc radius (px), for coca at the top of the scale. */
const R_MAX = 34;
const R_MIN = 6;

/** Where each region sits, in pixels. */
export function regionLayout(regions: readonly RegionInfo[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  const extra = regions.filter((r) => !PLACES[r.id]);
  for (const r of regions) if (PLACES[r.id]) out[r.id] = PLACES[r.id];
  extra.forEach((r, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, extra.length) - Math.PI / 2;
    out[r.id] = [W / 2 + Math.cos(a) * (W / 2 - 70), (H - 40) / 2 + Math.sin(a) * ((H - 40) / 2 - 50)];
  });
  return out;
}

/** A region's name for the map: without the parenthesised detail or the "VRAEM – " the outline says (the tooltip keeps it). */
const shortName = (name: string) => name.replace(/\s*\(.*\)\s*$/, '').replace(/^VRAEM\s*[–-]\s*/, '') || name;

/** Light sand to deep green-brown, by share of the scale's top. */
export function cocaColour(share: number): string {
  const t = Math.max(0, Math.min(1, share));
  const a = [247, 240, 214];
  const b = [122, 74, 10];
  const c = a.map((x, i) => Math.round(x + (b[i] - x) * Math.sqrt(t)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** The map's SVG (as markup), every region at its starting coca and no armed control drawn yet. */
export function regionMapSvg(regions: readonly RegionInfo[]): string {
  const at = regionLayout(regions);
  const seen = new Set<string>();
  const links: string[] = [];
  for (const r of regions)
    for (const n of r.neighbours) {
      const key = [r.id, n].sort().join('|');
      if (!at[n] || seen.has(key)) continue;
      seen.add(key);
      links.push(`<line x1="${at[r.id][0]}" y1="${at[r.id][1]}" x2="${at[n][0]}" y2="${at[n][1]}" class="link"/>`);
    }
  const nodes = regions.map((r) => {
    const [x, y] = at[r.id];
    const id = esc(r.id);
    return (
      `<g class="region" data-region="${id}" transform="translate(${x.toFixed(1)} ${y.toFixed(1)})">` +
      `<title>${esc(r.name)} (${esc(r.country)})</title>` +
      `<circle class="armed" r="${R_MIN + 5}" pathLength="100" stroke-dasharray="0 100" transform="rotate(-90)"/>` +
      `<circle class="coca" r="${R_MIN}"/>` +
      `<text class="name" y="${R_MAX + 18}">${esc(shortName(r.name))}</text>` +
      `<text class="value" y="${R_MAX + 40}">–</text>` +
      `<text class="armed-share" y="${R_MAX + 62}"></text>` +
      `</g>`
    );
  });
  const outline = VRAEM.every((id) => regions.some((r) => r.id === id))
    ? `<ellipse class="vraem" cx="430" cy="385" rx="190" ry="150"/><text class="vraem-label" x="585" y="262">VRAEM</text>`
    : '';
  const legend =
    `<g class="legend" transform="translate(12 24)"><circle r="8" cx="8" cy="-5" fill="${cocaColour(0.8)}"/>` +
    `<text x="22" y="0">disc: coca (ha), area to scale</text>` +
    `<circle r="8" cx="8" cy="21" class="legend-armed"/><text x="22" y="26">red arc: armed control</text></g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Regions: coca and armed control">${outline}${links.join('')}${nodes.join('')}${legend}</svg>`;
}

/** One month of a region for the map. */
export interface RegionMonth {
  cocaHa: number;
  armedControl: number;
  /** The baseline's coca this month, when the overlay is on. */
  baselineCocaHa?: number;
}

/**
 * Set a month's values on a map drawn by {@link regionMapSvg}: disc area proportional to coca
 * against `scaleHa` (the most coca any region holds on the map's scale), colour by the same share,
 * the red arc around it the armed control, and the hectares (with the baseline's) as text.
 */
export function updateRegionMap(svg: SVGSVGElement, values: Record<string, RegionMonth>, scaleHa: number): void {
  for (const g of svg.querySelectorAll<SVGGElement>('g.region')) {
    const v = values[g.dataset.region ?? ''];
    if (!v) continue;
    const share = scaleHa > 0 ? v.cocaHa / scaleHa : 0;
    const r = R_MIN + (R_MAX - R_MIN) * Math.sqrt(Math.max(0, Math.min(1, share)));
    const coca = g.querySelector<SVGCircleElement>('circle.coca')!;
    coca.setAttribute('r', r.toFixed(1));
    coca.setAttribute('fill', cocaColour(share));
    const control = Math.max(0, Math.min(1, v.armedControl));
    const ring = g.querySelector<SVGCircleElement>('circle.armed')!;
    ring.setAttribute('r', (r + 5).toFixed(1));
    ring.setAttribute('stroke-dasharray', `${(control * 100).toFixed(1)} 100`);
    const base = v.baselineCocaHa === undefined ? '' : ` · base ${formatNumber(v.baselineCocaHa)}`;
    g.querySelector('text.value')!.textContent = `${formatNumber(v.cocaHa)} ha${base}`;
    g.querySelector('text.armed-share')!.textContent = control >= 0.005 ? `${Math.round(control * 100)}% armed control` : '';
  }
}
