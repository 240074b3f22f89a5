/**
 * The sim-core API the command line uses, in one place. The scenario lever and override modules
 * are imported by file until `@vraem/sim-core`'s index re-exports them.
 */
export * from '@vraem/sim-core';
export * from '../../sim-core/src/scenario/levers.ts';
export * from '../../sim-core/src/scenario/overrides.ts';
export { LIMITS, describeIssue, checkLeverValue, showValue } from '../../sim-core/src/scenario/validate.ts';
