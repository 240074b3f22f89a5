/**
 * A worker thread that runs replicates: sim-core's `serveTasks` on this thread's port (it runs
 * each scenario sent with its seed and run index and sends the result back, its data buffer
 * transferred, not copied, not JSON).
 */
import { parentPort } from 'node:worker_threads';
import { serveTasks } from '@vraem/sim-core';

if (parentPort) serveTasks(parentPort);
