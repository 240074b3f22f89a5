/**
 * The sim-core API the command line uses, in one place.
 */
export * from '@vraem/sim-core';
