/**
 * The one host function sim-core uses beyond ES2022 (every Node ≥ 17 and browser has it). Declared
 * here so the package builds against the bare ES library: a DOM or Node global used by mistake
 * fails the build instead of tying the engine to one host.
 */
declare function structuredClone<T>(value: T): T;
