/**
 * The explorer's Info panels and presets (explorer/guides.ts): every bundled scenario and lesson
 * has a guide in plain language (no design-section citations) with a predict–run–explain
 * activity that pauses inside the run, and a preset of five to eight levers, each a real lever of
 * that entry's scenario in sim-core's registry (resolved there, not listed twice) with one plain
 * sentence; every registry description reads without "§" citations or "[W]" tags.
 */
import { describe, expect, it } from 'vitest';
import { listLevers, resolveLever } from '@vraem/sim-core';
import { bundledLessonEntries, bundledScenarioEntries } from '../../cli/src/commands/explore.ts';
import { GUIDES, plainDescription } from '../src/explorer/guides.ts';

const entries = [...bundledScenarioEntries(), ...bundledLessonEntries()];

describe('guides and presets', () => {
  it('cover every scenario and lesson, with 5 to 8 registry levers each and an activity inside the run', () => {
    expect(entries.length).toBeGreaterThanOrEqual(19);
    // Every entry has its guide (a guide may wait for a scenario another branch adds).
    expect(entries.filter((e) => !GUIDES[e.id]).map((e) => e.id)).toEqual([]);
    for (const e of entries) {
      const g = GUIDES[e.id];
      expect(g.levers.length, e.id).toBeGreaterThanOrEqual(5);
      expect(g.levers.length, e.id).toBeLessThanOrEqual(8);
      expect(new Set(g.levers.map((l) => l.path)).size, `${e.id}: a lever listed twice`).toBe(g.levers.length);
      for (const l of g.levers) {
        const found = resolveLever(e.scenario, l.path);
        expect(found.ok, `${e.id}: ${l.path} ${found.ok ? '' : found.message}`).toBe(true);
        expect(l.sentence, l.path).toMatch(/^[A-Z].*\.$/);
      }
      expect(g.activity.pauseAfter, e.id).toBeGreaterThan(0);
      expect(g.activity.pauseAfter, e.id).toBeLessThanOrEqual(Number(e.scenario.months));
      const text = [g.shows, g.use, ...g.notice, ...g.tryThis, g.activity.predict, g.activity.explain, ...g.levers.map((l) => l.sentence)].join(' ');
      expect(text, e.id).not.toMatch(/§|\[W\]|folk theorem|grim trigger|DESIGN/);
    }
  });

  it('read every registry description without design-section citations', () => {
    expect(plainDescription('programme budget a year (§2.7: DEVIDA VRAEM S/73M ≈ $22M in 2019)')).toBe('programme budget a year (DEVIDA VRAEM S/73M ≈ $22M in 2019)');
    expect(plainDescription('coca each member may hold under the association’s cap (Bolivia’s cato, §2.7); 0 = no cap')).toBe('coca each member may hold under the association’s cap (Bolivia’s cato); 0 = no cap');
    expect(plainDescription('fighters recruited a month [W]')).toBe('fighters recruited a month');
    for (const l of listLevers(entries[0].scenario)) {
      const d = plainDescription(l.description);
      expect(d, l.path).not.toMatch(/§|\[W\]|\(\s*\)/);
      if (l.description) expect(d.length, l.path).toBeGreaterThan(5);
    }
  });
});
