/**
 * sim-core's scenario loader driven without a file system: an in-memory reader (as the packaged
 * scenarios are read) and an asynchronous one (as a browser's fetch is), giving the same scenario
 * and the same located messages as the CLI.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario, loadScenarioSync, resolveRelative, ScenarioError, SourceError } from '../src/index.ts';

const FILES: Record<string, string> = {
  'https://example.org/s/base.yaml': readFileSync(new URL('../../../scenarios/baseline.yaml', import.meta.url), 'utf8'),
  'https://example.org/s/child/child.yaml': 'extends: ../base.yaml\nname: child\nmarket:\n  demandIndex: 1.2\n',
  'https://example.org/s/bad.yaml': 'extends: base.yaml\nname: bad\nmarket:\n  demandIndx: 1.2\n',
  'https://example.org/s/loop.yaml': 'extends: loop.yaml\nname: loop\n',
};
const read = (ref: string): string => {
  const text = FILES[ref];
  if (text === undefined) throw new SourceError('no such file');
  return text;
};

describe('the scenario loader, with the reading passed in', () => {
  it('resolves an extends chain relative to each file, merging maps key by key', () => {
    const { scenario, files } = loadScenarioSync('https://example.org/s/child/child.yaml', { read });
    expect(files).toEqual(['https://example.org/s/child/child.yaml', 'https://example.org/s/base.yaml']);
    expect(scenario.name).toBe('child');
    expect(scenario.months).toBe(240);
    expect(scenario.market.demandIndex).toBe(1.2);
  });

  it('gives the same scenario with an asynchronous reader (fetch)', async () => {
    const sync = loadScenarioSync('https://example.org/s/child/child.yaml', { read }, { set: ['firmas.count=5'] });
    const viaFetch = await loadScenario('https://example.org/s/child/child.yaml', { read: async (ref) => read(ref) }, { set: ['firmas.count=5'] });
    expect(viaFetch.scenario).toEqual(sync.scenario);
    expect(viaFetch.scenario.firmas.count).toBe(5);
  });

  it('names file, line and value path of a problem, with a suggestion', () => {
    expect(() => loadScenarioSync('https://example.org/s/bad.yaml', { read })).toThrowError(
      /^https:\/\/example\.org\/s\/bad\.yaml:4:3 market\.demandIndx: unknown key "demandIndx"; did you mean "demandIndex"\?$/,
    );
  });

  it('refuses a cycle, a missing parent and a bad override, each with its place', () => {
    expect(() => loadScenarioSync('https://example.org/s/loop.yaml', { read })).toThrowError(/loop\.yaml:1:10 extends: cycle/);
    expect(() => loadScenarioSync('https://example.org/s/none.yaml', { read })).toThrowError('https://example.org/s/none.yaml: no such file');
    try {
      loadScenarioSync('https://example.org/s/base.yaml', { read }, { set: ['firmas.cuont=3'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).problems).toEqual(['--set firmas.cuont=3: unknown lever "firmas.cuont": "firmas" has no "cuont"; did you mean "firmas.count"?']);
    }
  });

  it('resolves references as URLs and posix paths do', () => {
    expect(resolveRelative('a/b/c.yaml', '../d.yaml')).toBe('a/d.yaml');
    expect(resolveRelative('c.yaml', './d.yaml')).toBe('d.yaml');
    expect(resolveRelative('c.yaml', '../d.yaml')).toBe('../d.yaml');
    expect(resolveRelative('/x/c.yaml', 'd.yaml')).toBe('/x/d.yaml');
    expect(resolveRelative('https://h/x/c.yaml', '../../d.yaml')).toBe('https://h/d.yaml');
  });
});
