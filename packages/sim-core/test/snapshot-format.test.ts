/**
 * Snapshots as compact, versioned bytes (issue 23): a restored run steps on exactly as the
 * straight run; a full-scale baseline's snapshot is under 5 MB; a truncated, bit-flipped, foreign
 * or other-version snapshot is refused with a message saying which, never half-read.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, restoreSimulation, runScenario, snapshotMeta, SnapshotError, SNAPSHOT_FORMAT_VERSION } from '../src/index.ts';
import { decodeSnapshot, encodeSnapshot } from '../src/engine/snapshot.ts';
import { baseline } from './helpers.ts';

describe('snapshots', () => {
  it('restore and step on byte for byte, with the meta they were written with', () => {
    const s = baseline({}, { householdsPerAgent: 40, months: 12, history: true });
    const straight = runScenario(s, { seed: 4, run: 2 });
    const sim = createSimulation(s, { seed: 4, run: 2 });
    sim.runUntil(5);
    const bytes = sim.snapshot({ from: 'a test' });
    expect(snapshotMeta(bytes)).toEqual({ from: 'a test' });
    const again = restoreSimulation(bytes);
    expect(again.tick).toBe(5);
    again.runUntil(again.months);
    expect(again.result()).toEqual(straight);
  });

  it('of the full-scale baseline is under 5 MB', () => {
    const s = baseline({}, { householdsPerAgent: 1, months: 24, history: true });
    const sim = createSimulation(s, { seed: 7 });
    sim.runUntil(24);
    const bytes = sim.snapshot();
    expect(bytes.length).toBeLessThan(5 * 1024 * 1024);
    expect(restoreSimulation(bytes).result()).toEqual(sim.result());
  });

  it('refuses a truncated, bit-flipped, foreign or other-version snapshot', () => {
    const sim = createSimulation(baseline({}, { householdsPerAgent: 40, months: 6 }), { seed: 1 });
    sim.runUntil(3);
    const good = sim.snapshot();
    const refused = (bytes: Uint8Array) => {
      try {
        restoreSimulation(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(SnapshotError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(refused(good.slice(0, good.length - 1000))).toMatch(/^snapshot is damaged: its checksum does not match/);
    expect(refused(good.slice(0, 10))).toBe('snapshot is damaged: cut short (10 bytes)');
    for (const at of [9, 100, Math.floor(good.length / 2), good.length - 2]) {
      const flipped = good.slice();
      flipped[at] ^= 0x10;
      expect(refused(flipped), `bit flipped at byte ${at}`).toMatch(/^snapshot (is damaged|format \d+ is not supported)/);
    }
    expect(refused(new TextEncoder().encode('{"format":"vraem-snapshot","version":1}'))).toBe('not a snapshot (it does not start with VRAEMSNP)');
    expect(refused(new Uint8Array(0))).toBe('not a snapshot (it does not start with VRAEMSNP)');
    const other = good.slice();
    new DataView(other.buffer).setUint32(8, SNAPSHOT_FORMAT_VERSION + 1, true);
    expect(refused(other)).toBe(`snapshot format ${SNAPSHOT_FORMAT_VERSION + 1} is not supported (this version reads format ${SNAPSHOT_FORMAT_VERSION})`);
  });

  it('stored against a start state, are refused when the reader rebuilds another one (another model version)', () => {
    const start = { farm: new Float32Array([1, 2, 3]), n: 3 };
    const bytes = encodeSnapshot({ farm: new Float32Array([1, 2, 4]), n: 3 }, { why: 'test' }, start);
    expect(decodeSnapshot(bytes, () => start).state).toEqual({ farm: new Float32Array([1, 2, 4]), n: 3 });
    expect(() => decodeSnapshot(bytes, () => ({ farm: new Float32Array([1, 2, 5]) }))).toThrowError(/written against another start state/);
    expect(() => decodeSnapshot(bytes)).toThrowError(/needs the state it was written against/);
  });
});
