/**
 * The model's random streams: one a subsystem that draws, named, so that adding a mechanism or a
 * metric never shifts another subsystem's draws (engine/rng.ts derives each from the run seed and
 * its name). A mechanism that needs randomness of its own adds its name to this list.
 */
import { createStream, type Stream, type StreamState } from '../engine/rng.ts';

/** The subsystems that draw random numbers, one stream each. */
export const STREAMS = ['setup', 'farmers', 'eradication', 'firmas', 'interdiction', 'armed'] as const;
export type StreamName = (typeof STREAMS)[number];
export type Streams = Record<StreamName, Stream>;

export function createStreams(seed: number, states?: Partial<Record<StreamName, StreamState>>): Streams {
  const out = {} as Streams;
  for (const name of STREAMS) out[name] = createStream(seed, name, states?.[name]);
  return out;
}
