/**
 * Lessons: game theory taught with payoffs measured from the model. A lesson file (YAML under
 * `scenarios/lessons/`) is validated by `parseLesson`, its scenarios built and checked by
 * `prepareLesson`, its game measured and solved in every condition by `runLesson`, its claims
 * judged on the numbers (`judgeClaims`), and the whole written out as text by `formatLesson`.
 * Pure: the caller reads the files (the CLI does) and hands over plain objects.
 */
export * from './schema.ts';
export * from './measure.ts';
export * from './outcome.ts';
export * from './run.ts';
export * from './claims.ts';
export * from './format.ts';
