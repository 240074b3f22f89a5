/**
 * What the commands print with one replicate: counts agree with their nouns ("1 run", not
 * "1 runs") in sweep's plan line, robust's table head and the ensemble comparison's footer, on the
 * two-region fixture (a few seconds).
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, tempDir, vraem } from './helpers.ts';

const MINI = join(FIXTURES, 'mini.yaml');

describe('counts of one', () => {
  const dir = tempDir('vraem-wording-');
  const ens = join(dir, 'ens');
  mkdirSync(ens);
  const csv = 'member,weight,market.demandScale,regions.vraem-ene.households\n0,0.5,0.8,300\n1,0.5,1,400\n';
  writeFileSync(join(ens, 'ensemble.csv'), csv);
  writeFileSync(
    join(ens, 'ensemble.json'),
    JSON.stringify({ format: 'vraem-ensemble/1', scenario: 'mini', levers: ['market.demandScale', 'regions.vraem-ene.households'], method: 'abc-smc', seed: 5, accepted: 2, command: 'x', version: '1', sha256: createHash('sha256').update(csv).digest('hex') }),
  );

  it('sweep: 1 design row × 1 run', () => {
    const r = vraem(['sweep', MINI, '--vary', 'market.demandScale=0.9', '--runs', '1', '--workers', '1', '--out', join(dir, 'sweep')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^1 design row × 1 run$/m);
  });

  it('robust and compare --ensemble: 2 members × 1 run', () => {
    const other = join(dir, 'other.yaml');
    writeFileSync(other, `extends: ${JSON.stringify(MINI)}\nname: mini-other\nmarket:\n  demandIndex: 1.2\n`);
    const r = vraem(['robust', MINI, other, '--ensemble', ens, '--runs', '1', '--workers', '1', '--out', join(dir, 'robust')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/; 2 members × 1 run each, the same seeds for every policy$/m);
    const c = vraem(['compare', MINI, other, '--ensemble', ens, '--runs', '1', '--workers', '1', '--out', join(dir, 'compare')]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^2 members × 1 paired run; total variance/m);
  });
});
