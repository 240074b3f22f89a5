/**
 * The programme period of a comparison (analysis/effects.ts, divergenceTick) starts in the first
 * month A's and B's levers act differently, not in the first month their files differ: a
 * programme declared disabled (or enabled but not yet announced) offers, pays and spends nothing,
 * so the same-money question ("Peru's 2012–2023 eradication money to AD in the VRAEM") is
 * measured over 2012–2023, not averaged with eight years in which nothing differed. Its targeted
 * regions are likewise those of the programmes B runs differently from A.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EFFECT_WINDOWS,
  GROUP_ROWS,
  MemberAccumulator,
  cellIndex,
  changesBeyondProgrammes,
  divergenceTick,
  effectCells,
  effectLayout,
  loadScenarioSync,
  policyAnswer,
  sentenceText,
  targetedRegions,
  tickOf,
  validateScenario,
  type Scenario,
} from '../src/index.ts';
import { VRAEM, baseline } from './helpers.ts';

const SCENARIOS = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
const load = (file: string): Scenario => loadScenarioSync(file, { read: (ref) => readFileSync(`${SCENARIOS}${ref}`, 'utf8') }).scenario;

const a = baseline({}, { months: 240, history: true });
const ROWS = [...VRAEM, 'alto-huallaga', 'peru-other', 'bolivia', 'colombia', 'PE', 'BO', 'CO', 'ALL'];

/** A with a VRAEM programme declared at the start, and events added. */
function withProgramme(programme: Record<string, unknown>, events: Scenario['events'] = []): Scenario {
  const raw = structuredClone(a) as unknown as Record<string, unknown> & { states: { PE: { programmes: Record<string, unknown> } }; events: unknown[] };
  raw.name = 'programme';
  raw.states.PE.programmes.vraem = { regions: VRAEM, budgetUsdPerYear: 20_000_000, subsidyUsdPerHaYear: 3500, deliveryRate: 0.9, ...programme };
  raw.events = [...raw.events, ...events];
  const v = validateScenario(raw);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.scenario;
}
const tick = (month: string) => tickOf(a.start, month);

describe('the programme period starts where the policies first act differently', () => {
  it('a programme declared disabled and enabled in 2012: the period starts in 2012-01', () => {
    const b = withProgramme({ enabled: false }, [{ at: '2012-01', set: { 'states.PE.programmes.vraem.enabled': true } }]);
    expect(divergenceTick(a, b)).toBe(tick('2012-01'));
    expect(effectLayout(a, b, ROWS).windows.programme.fromDate).toBe('2012-01');
  });

  it('the bundled same-money-ad against the baseline: 2012-01 to 2023-12', () => {
    const w = effectLayout(load('baseline.yaml'), load('same-money-ad.yaml'), ROWS).windows.programme;
    expect([w.fromDate, w.toDate]).toEqual(['2012-01', '2023-12']);
  });

  it('the targeted regions are those of the programmes B runs differently, not the ones both inherit', () => {
    // same-money-ad inherits the baseline's Alto Huallaga programme unchanged: its target is the VRAEM.
    const layout = effectLayout(load('baseline.yaml'), load('same-money-ad.yaml'), ROWS);
    expect(layout.targeted).toEqual(VRAEM);
    expect(layout.groups.ELSEWHERE).toEqual(['alto-huallaga', 'peru-other']);
    // A programme that never acts targets nothing: the policy acts on every region.
    expect(targetedRegions(a, withProgramme({ enabled: false }))).toEqual(Object.keys(a.regions));
    // One offered with no regions listed covers every region of its country.
    expect(targetedRegions(a, withProgramme({ enabled: true, regions: [] }))).toEqual([...VRAEM, 'alto-huallaga', 'peru-other']);
  });

  it('a programme enabled from the start but announced in 2015: the period starts at the announcement', () => {
    expect(divergenceTick(a, withProgramme({ enabled: true, announced: '2015-01' }))).toBe(tick('2015-01'));
  });

  it('a programme that never acts is no difference; one offered from the start is one at once', () => {
    expect(divergenceTick(a, withProgramme({ enabled: false }))).toBeNull();
    expect(divergenceTick(a, withProgramme({ enabled: true }))).toBe(0);
  });

  it('a re-announcement of a running programme is a difference though its terms stay the same', () => {
    // The baseline's Alto Huallaga programme runs from the start; enabling it again announces it anew.
    const b = validateScenario({ ...a, name: 'again', events: [...a.events, { at: '2008-01', set: { 'states.PE.alternativeDevelopment.enabled': true } }] });
    if (!b.ok) throw new Error(JSON.stringify(b.issues));
    expect(divergenceTick(a, b.scenario)).toBe(tick('2008-01'));
  });

  it('a lever set to the value it already has is no difference; a different value is, from its month', () => {
    const same = validateScenario({ ...a, name: 'same', events: [...a.events, { at: '2010-01', set: { 'states.PE.interdiction': a.states.PE!.interdiction } }] });
    if (!same.ok) throw new Error(JSON.stringify(same.issues));
    expect(divergenceTick(a, same.scenario)).toBeNull();
    const other = validateScenario({ ...a, name: 'other', events: [...a.events, { at: '2010-01', set: { 'states.PE.interdiction': 0.9 } }] });
    if (!other.ok) throw new Error(JSON.stringify(other.issues));
    expect(divergenceTick(a, other.scenario)).toBe(tick('2010-01'));
  });

  it('same-money-ad changes more than its programme (eradication stops): what happens outside its regions is not called leakage alone', () => {
    const base = load('baseline.yaml');
    const same = load('same-money-ad.yaml');
    expect(changesBeyondProgrammes(base, same)).toBe(true);
    expect(changesBeyondProgrammes(a, withProgramme({ enabled: false }, [{ at: '2012-01', set: { 'states.PE.programmes.vraem.enabled': true } }]))).toBe(false);
    expect(changesBeyondProgrammes(a, withProgramme({ enabled: true }))).toBe(false);

    // The answer on made-up window means (no run needed): its wording and its rows.
    const layout = effectLayout(base, same, ROWS);
    const cells = EFFECT_WINDOWS.length * layout.rows.length * layout.metrics.length;
    const acc = new MemberAccumulator(layout);
    const coca = EFFECT_WINDOWS.map((_, w) => cellIndex(layout, w, layout.rows.indexOf('PE'), layout.metrics.indexOf('coca_ha')));
    for (let k = 0; k < 3; k++) {
      const wb = new Float64Array(cells).fill(900 + 2 * k);
      for (const i of coca) wb[i] = 1100 + 2 * k; // Peru's coca rises, as same-money-ad's does
      acc.addMeans(new Float64Array(cells).fill(1000 + k), wb);
    }
    const ans = policyAnswer(effectCells(layout, [acc.finish(1)]), { a: 'baseline', b: 'same-money-ad' });
    const text = ans.sentences.map((x) => sentenceText(x, ans.figures)).join('\n');
    expect(text).toMatch(/Outside the targeted regions over the programme period \(leakage, and B’s other changes there, such as eradication\): coca in untargeted regions/);
    expect(text).not.toMatch(/^Leakage/m);
    // Coca did not fall (Peru's: +100 + k; every other cell −100 + k, made up): the answer still says what the money bought.
    expect(text).toMatch(/no cost per hectare avoided can be given; alternative development delivered changed by −\$99 a month \(−\$[\d.]+ to −\$[\d.]+\) and hectares eradicated by −1,190 a year \(−[\d,.]+ to −[\d,.]+\)\./);
    // The targeted regions are the VRAEM: one row for them, not two with the same figures.
    expect(ans.table.rows.map((r) => r.row)).toEqual([...VRAEM, GROUP_ROWS.vraem, 'PE', 'ALL']);
  });
});
