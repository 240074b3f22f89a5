/**
 * The ensemble file contract (analysis/ensemble.ts): `ensemble.csv` parsed and checked, weights
 * normalised, and `ensemble.json` checked against it (format, levers, count, sha256); every
 * problem named with its file and line.
 */
import { describe, expect, it } from 'vitest';
import { ENSEMBLE_FORMAT, checkEnsemble, parseEnsembleCsv } from '../src/index.ts';

const CSV = 'member,weight,firmas.count,states.PE.interdiction\n0,2,4,0.3\n1,1,6,0.5\n2,1,8,0.4\n';

describe('ensemble file', () => {
  it('parses members and normalises weights', () => {
    const p = parseEnsembleCsv(CSV, 'e/ensemble.csv');
    if (!p.ok) throw new Error(p.problems.join('\n'));
    expect(p.value.levers).toEqual(['firmas.count', 'states.PE.interdiction']);
    expect(p.value.members.map((m) => m.weight)).toEqual([0.5, 0.25, 0.25]);
    expect(p.value.members[1].values).toEqual({ 'firmas.count': 6, 'states.PE.interdiction': 0.5 });
  });

  it('names file and line of each bad cell', () => {
    const p = parseEnsembleCsv('member,weight,a\n0,1,x\n0,1,2\n1,-1,3\n2,1\n', 'e/ensemble.csv');
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problems).toEqual([
      'e/ensemble.csv:2: a is "x", not a number',
      'e/ensemble.csv:4: weight -1 is negative',
      'e/ensemble.csv:5: has 2 cells, the header 3',
      'e/ensemble.csv: the weights sum to 0; they must sum to more than 0',
    ]);
    expect(parseEnsembleCsv('lever,weight\n', 'f').ok).toBe(false);
    const dup = parseEnsembleCsv('member,weight,a\n0,1,1\n0,1,2\n', 'f');
    expect(!dup.ok && dup.problems).toEqual(['f:3: member 0 appears twice']);
  });

  it('checks the manifest against the CSV: format, levers, members, sha256', () => {
    const p = parseEnsembleCsv(CSV, 'e/ensemble.csv');
    if (!p.ok) throw new Error('parse');
    const csv = { ...p.value, sha256: 'ab'.repeat(32), file: 'e/ensemble.csv' };
    const good = { format: ENSEMBLE_FORMAT, scenario: 'baseline', levers: p.value.levers, method: 'abc-smc', seed: 1, accepted: 3, command: 'x', version: '0.1.0', sha256: 'ab'.repeat(32) };
    expect(checkEnsemble(good, 'e/ensemble.json', csv).ok).toBe(true);
    const bad = checkEnsemble({ ...good, format: 'x', accepted: 4, sha256: 'cd'.repeat(32) }, 'e/ensemble.json', csv);
    expect(!bad.ok && bad.problems.length).toBe(3);
    expect(!bad.ok && bad.problems.join('\n')).toMatch(/e\/ensemble.csv: its sha256 abababababab… does not match/);
  });
});
