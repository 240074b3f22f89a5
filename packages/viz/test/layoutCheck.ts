/**
 * The layout check behind the projector and phone tests: in a page opened by playwright, find
 * every piece of text that does not fit its box or lies on another, by measuring bounding boxes —
 * - HTML text (each text node's line boxes): outside its block's box, cut off by a clipping
 *   ancestor, wider than the viewport, or overlapping another element's text or a control, a
 *   canvas or an SVG;
 * - SVG text (the map's labels): outside its SVG's box (the viewBox clips it) or on another label;
 * - canvas text (chart.js titles, legends, tick labels, axis titles): every `fillText` a chart
 *   makes is recorded with the transform, font, alignment and `maxWidth` it was drawn with (an
 *   init script wraps the 2D context before the page's scripts run), so a label outside its
 *   canvas, one squeezed by `maxWidth` below 90% of its width, or two labels on one another are
 *   found from the geometry chart.js actually drew.
 * It reports findings rather than asserting, so a test can show it catches a page that fails.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** One thing wrong with the layout, in words, with the texts and boxes concerned. */
export interface LayoutProblem {
  kind: 'overflow' | 'overlap' | 'clipped' | 'squeezed' | 'page-wider';
  where: 'html' | 'svg' | 'canvas';
  text: string;
  other?: string;
}

/** Installed before the page's scripts: records each canvas's text draws since its last full clear. */
function recordCanvasText(): void {
  type Quad = [number, number][];
  const records = new WeakMap<HTMLCanvasElement, { text: string; quad: Quad; squeeze: number }[]>();
  (window as unknown as { __canvasText: typeof records }).__canvasText = records;
  const proto = CanvasRenderingContext2D.prototype;
  const clear = proto.clearRect;
  proto.clearRect = function (x: number, y: number, w: number, h: number) {
    if (x <= 0 && y <= 0 && w >= this.canvas.width && h >= this.canvas.height) records.set(this.canvas, []);
    return clear.call(this, x, y, w, h);
  };
  const fill = proto.fillText;
  proto.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
    const s = String(text);
    if (s.trim()) {
      const m = this.measureText(s);
      const width = m.actualBoundingBoxLeft + m.actualBoundingBoxRight;
      const squeeze = maxWidth !== undefined && width > maxWidth ? maxWidth / width : 1;
      const l = x - m.actualBoundingBoxLeft * squeeze;
      const r = x + m.actualBoundingBoxRight * squeeze;
      const t = y - m.actualBoundingBoxAscent;
      const b = y + m.actualBoundingBoxDescent;
      const tr = this.getTransform();
      const quad: Quad = ([[l, t], [r, t], [r, b], [l, b]] as [number, number][]).map(([px, py]) => [tr.a * px + tr.c * py + tr.e, tr.b * px + tr.d * py + tr.f]);
      const list = records.get(this.canvas) ?? [];
      list.push({ text: s, quad, squeeze });
      records.set(this.canvas, list);
    }
    return fill.call(this, text, x, y, maxWidth);
  };
}

/** Add the canvas recorder to a context: every page opened in it afterwards records its chart text. */
export async function installLayoutRecorder(context: BrowserContext): Promise<void> {
  await context.addInitScript(recordCanvasText);
}

/**
 * The browser's default text size (what a user sets under "font size"), through the DevTools
 * protocol: 16 px is 100%, 24 px is 150%. Pages sized in rem follow it; pages in px do not.
 */
export async function setBrowserTextSize(page: Page, px: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round((px * 13) / 16) } });
}

/** Measure the page as it stands and list every layout problem (at most `limit`). */
export async function layoutProblems(page: Page, limit = 200): Promise<LayoutProblem[]> {
  return page.evaluate((limit) => {
    type Box = { l: number; t: number; r: number; b: number };
    type Quad = [number, number][];
    const out: LayoutProblem[] = [];
    const push = (p: LayoutProblem) => out.length < limit && out.push(p);
    const clip = (s: string) => (s.length > 60 ? s.slice(0, 57) + '…' : s).replace(/\s+/g, ' ').trim();
    /** Overlap of two boxes, in px, the smaller of the two directions (≤ 0: none). */
    const overlap = (a: Box, b: Box) => Math.min(Math.min(a.r, b.r) - Math.max(a.l, b.l), Math.min(a.b, b.b) - Math.max(a.t, b.t));
    const TOL = 1.5;
    const boxOf = (r: DOMRect): Box => ({ l: r.left, t: r.top, r: r.right, b: r.bottom });
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) push({ kind: 'page-wider', where: 'html', text: `page ${document.documentElement.scrollWidth} px wide in a ${vw} px viewport` });

    // ---- HTML text: line boxes of each text node.
    // Closed <details>, display: none, hidden, transparent: not on screen.
    const visible = (el: Element) => el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true });
    const blockOf = (el: Element): Element => {
      let e: Element | null = el;
      while (e && getComputedStyle(e).display.startsWith('inline') && e.parentElement) e = e.parentElement;
      return e ?? el;
    };
    /**
     * Ancestors that cut their content off (overflow hidden or clip) in x or y, and those that
     * scroll (text beyond a scrolling box is reached by scrolling: not cut off, not on screen).
     */
    const clippers = (el: Element) => {
      const list: { el: Element; x: boolean; y: boolean; scrolls: boolean }[] = [];
      for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
        const s = getComputedStyle(e);
        const x = /hidden|clip/.test(s.overflowX);
        const y = /hidden|clip/.test(s.overflowY);
        const scrolls = /auto|scroll/.test(s.overflowX + s.overflowY);
        if (x || y || scrolls) list.push({ el: e, x, y, scrolls });
      }
      return list;
    };
    const texts: { el: Element; box: Box; text: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('svg, script, style, option, select, noscript') || !visible(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const block = blockOf(el).getBoundingClientRect();
      const clips = clippers(el);
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const box = { l: r.left, t: r.top, r: r.right, b: r.bottom };
        const text = clip(n.textContent);
        // Hidden by a scrolling box (below its fold): not on screen, nothing to measure.
        if (clips.some((c) => c.scrolls && overlap(box, boxOf(c.el.getBoundingClientRect())) <= 0)) continue;
        if ((box.l < block.left - TOL || box.r > block.right + TOL || box.t < block.top - TOL || box.b > block.bottom + TOL)) push({ kind: 'overflow', where: 'html', text });
        else {
          const cut = clips.find((c) => {
            const cr = c.el.getBoundingClientRect();
            return (c.x && (box.l < cr.left - TOL || box.r > cr.right + TOL)) || (c.y && (box.t < cr.top - TOL || box.b > cr.bottom + TOL));
          });
          if (cut) push({ kind: 'clipped', where: 'html', text });
        }
        if ((box.r > vw + TOL || box.l < -TOL) && !clips.some((c) => c.scrolls)) push({ kind: 'overflow', where: 'html', text: `${text} (beyond the viewport)` });
        texts.push({ el, box, text });
      }
    }
    // Controls and drawings: text must not lie on them (their own labels are outside them).
    const solids: { el: Element; box: Box; text: string }[] = [];
    for (const el of document.querySelectorAll('input:not([type=hidden]), select, canvas, svg, textarea')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      if (clippers(el).some((c) => c.scrolls && overlap(boxOf(r), boxOf(c.el.getBoundingClientRect())) <= 0)) continue;
      solids.push({ el, box: { l: r.left, t: r.top, r: r.right, b: r.bottom }, text: `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}>` });
    }
    const all = [...texts, ...solids].sort((a, b) => a.box.t - b.box.t);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length && all[j].box.t < all[i].box.b; j++) {
        const a = all[i];
        const b = all[j];
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (overlap(a.box, b.box) > TOL) push({ kind: 'overlap', where: 'html', text: a.text, other: b.text });
      }
    }

    // ---- SVG text (the map): inside its SVG's box and on no other label.
    for (const svg of document.querySelectorAll('svg')) {
      const s = svg.getBoundingClientRect();
      if (s.width < 1) continue;
      const labels = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent?.trim())
        .map((t) => {
          const r = t.getBoundingClientRect();
          return { text: clip(t.textContent!), box: { l: r.left, t: r.top, r: r.right, b: r.bottom } };
        });
      for (const x of labels) if (x.box.l < s.left - TOL || x.box.r > s.right + TOL || x.box.t < s.top - TOL || x.box.b > s.bottom + TOL) push({ kind: 'clipped', where: 'svg', text: x.text });
      for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) if (overlap(labels[i].box, labels[j].box) > TOL) push({ kind: 'overlap', where: 'svg', text: labels[i].text, other: labels[j].text });
    }

    // ---- Canvas text: quads in canvas pixels (separating-axis test for rotated labels).
    const records = (window as unknown as { __canvasText?: WeakMap<HTMLCanvasElement, { text: string; quad: Quad; squeeze: number }[]> }).__canvasText;
    const axes = (q: Quad) => [0, 1].map((k) => [q[k + 1][0] - q[k][0], q[k + 1][1] - q[k][1]]);
    const project = (q: Quad, [ax, ay]: number[]) => {
      const v = q.map(([x, y]) => x * ax + y * ay);
      return [Math.min(...v), Math.max(...v)];
    };
    /** Depth of overlap of two convex quads in px (≤ 0: apart). */
    const quadOverlap = (a: Quad, b: Quad) => {
      let depth = Infinity;
      for (const axis of [...axes(a), ...axes(b)]) {
        const len = Math.hypot(axis[0], axis[1]);
        if (len < 1e-9) continue;
        const u = [axis[0] / len, axis[1] / len];
        const [a0, a1] = project(a, u);
        const [b0, b1] = project(b, u);
        depth = Math.min(depth, Math.min(a1, b1) - Math.max(a0, b0));
      }
      return depth;
    };
    for (const canvas of document.querySelectorAll('canvas')) {
      if (!visible(canvas)) continue;
      const list = records?.get(canvas) ?? [];
      const ratio = canvas.width / Math.max(1, canvas.getBoundingClientRect().width);
      const px = TOL * ratio;
      const name = canvas.id || 'canvas';
      for (const x of list) {
        if (x.quad.some(([qx, qy]) => qx < -px || qy < -px || qx > canvas.width + px || qy > canvas.height + px)) push({ kind: 'clipped', where: 'canvas', text: `${name}: ${clip(x.text)}` });
        if (x.squeeze < 0.9) push({ kind: 'squeezed', where: 'canvas', text: `${name}: ${clip(x.text)} (to ${Math.round(x.squeeze * 100)}%)` });
      }
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) if (quadOverlap(list[i].quad, list[j].quad) > px) push({ kind: 'overlap', where: 'canvas', text: `${name}: ${clip(list[i].text)}`, other: clip(list[j].text) });
    }
    return out;
  }, limit);
}

/** Problems as lines for an assertion message or the console. */
export function describeProblems(list: readonly LayoutProblem[]): string[] {
  return list.map((p) => `${p.where} ${p.kind}: "${p.text}"${p.other ? ` on "${p.other}"` : ''}`);
}
