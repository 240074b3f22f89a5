/**
 * A worker thread that runs replicates: it receives a resolved scenario, a seed and a run index,
 * calls sim-core's `runScenario`, and sends the result back with its data buffer transferred
 * (not copied, not JSON).
 */
import { parentPort } from 'node:worker_threads';
import { runScenario, type Scenario, type RunResult } from '@vraem/sim-core';

/** A job sent to a worker. */
export interface Job {
  id: number;
  scenario: Scenario;
  seed: number;
  run: number;
  check: boolean;
}

/** A worker's answer: the result, or the error that stopped the run. */
export type Answer = { id: number; result: RunResult } | { id: number; error: string; stack?: string };

parentPort?.on('message', (job: Job) => {
  try {
    const result = runScenario(job.scenario, { seed: job.seed, run: job.run, check: job.check });
    parentPort!.postMessage({ id: job.id, result } satisfies Answer, [result.data.buffer as ArrayBuffer]);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({ id: job.id, error: err.message, stack: err.stack } satisfies Answer);
  }
});
