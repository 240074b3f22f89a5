/**
 * The ensemble file (analysis/ensemble.ts): written texts read back to the same members; every
 * malformed input is refused with the file, line and value named.
 */
import { describe, it, expect } from 'vitest';
import { ENSEMBLE_FORMAT, ensembleCsv, ensembleJson, memberAssignments, parseEnsemble, type EnsembleMember } from '../src/analysis/ensemble.ts';

const levers = ['market.demandScale', 'regions.vraem-ene.households'];
const members: EnsembleMember[] = [
  { member: 0, weight: 0.25, values: [0.8676, 7049] },
  { member: 1, weight: 0.5, values: [1 / 3, 5900] },
  { member: 2, weight: 0.25, values: [1e-7, 12000] },
];
const sha = 'a'.repeat(64);
const json = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ ...JSON.parse(ensembleJson({ scenario: 'baseline', levers, method: 'abc-smc', seed: 7, accepted: 3, command: 'vraem calibrate --abc', version: '0.1.0', sha256: sha })), ...over });

describe('ensemble file', () => {
  it('writes and reads back the same members, numbers exact', () => {
    const csv = ensembleCsv(levers, members);
    expect(csv.split('\n')[0]).toBe('member,weight,market.demandScale,regions.vraem-ene.households');
    const e = parseEnsemble(csv, json(), sha);
    expect(e.levers).toEqual(levers);
    expect(e.members).toEqual(members);
    expect(e.manifest.format).toBe(ENSEMBLE_FORMAT);
    expect(e.manifest.accepted).toBe(3);
    expect(memberAssignments(e, 1)).toEqual([`market.demandScale=${1 / 3}`, 'regions.vraem-ene.households=5900']);
  });

  it('keeps extra manifest fields', () => {
    const text = ensembleJson({ scenario: 's', levers, method: 'abc-smc', seed: 1, accepted: 3, command: 'c', version: 'v', sha256: sha, budget: 900 });
    expect(JSON.parse(text).budget).toBe(900);
  });

  it('refuses what does not follow the contract', () => {
    const csv = ensembleCsv(levers, members);
    expect(() => parseEnsemble(csv, json(), 'b'.repeat(64))).toThrow(/SHA-256/);
    expect(() => parseEnsemble(csv, json({ format: 'x' }))).toThrow(/format/);
    expect(() => parseEnsemble(csv, json({ accepted: 4 }))).toThrow(/accepted 4/);
    expect(() => parseEnsemble(csv, json({ levers: ['a'] }))).toThrow(/differ/);
    expect(() => parseEnsemble(csv, '{')).toThrow(/not JSON/);
    expect(() => parseEnsemble(csv.replace('0.8676', 'x'), json())).toThrow(/ensemble.csv:2: market.demandScale: "x"/);
    expect(() => parseEnsemble(csv.replace('\n1,', '\n5,'), json())).toThrow(/ensemble.csv:3: member/);
    expect(() => parseEnsemble(csv.replace('0.5,', '0.6,'), json())).toThrow(/sum to/);
    expect(() => parseEnsemble('weight,member\n', json())).toThrow(/ensemble.csv:1/);
    expect(() => ensembleCsv(levers, [{ member: 0, weight: 1, values: [1] }])).toThrow(/1 values for 2/);
    expect(() => ensembleCsv(levers, [{ member: 0, weight: 1, values: [Number.NaN, 1] }])).toThrow(/finite/);
  });
});
