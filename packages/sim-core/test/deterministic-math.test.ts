/**
 * sim-core's own exp, log, log1p, pow, cos and sin (`engine/math.ts`, fdlibm ported to plain IEEE
 * arithmetic) keep a run the same bits on every JavaScript engine (issues 19 and 23: Chromium's
 * V8 and Node's round `Math.exp`, `log`, `cos`, `pow` differently in the last bit, and the model
 * carries one bit into a different run). This file holds the three things that keep it so:
 *
 * 1. **No engine-approximated function in sim-core's sources**: no `Math.exp`, `log`, `pow`, trig
 *    or hyperbolic function and no `**` anywhere in `packages/sim-core/src` but `engine/math.ts`
 *    (comments stripped first). The whole package, not only model and engine: the explorer's
 *    several-runs statistics and the lessons run in a browser, and a fit (calibration, ABC, PRIM)
 *    is output too, which a user may run on any host; none of them is hot, so there is no reason
 *    for an exception.
 * 2. **Accuracy**: on fast-check inputs across the ranges the model uses (logits, probabilities,
 *    discounting, Box–Muller angles) and far beyond, each function is within 1 ulp of Node's
 *    `Math.*` (itself within 1 ulp of the true value), and equal to it on the special cases.
 * 3. **Golden bits**: fixed inputs whose results are pinned to the bit, so a change to the port
 *    is caught on any host, whatever its own `Math.*` gives.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { cos, exp, log, log1p, pow, sin } from '../src/engine/math.ts';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const SEED = 20261205;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Functions ECMAScript leaves implementation-approximated (the ones an engine may round its own way). */
const APPROXIMATED = new Set(['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'cos', 'sin', 'tan', 'acos', 'asin', 'atan', 'atan2', 'cosh', 'sinh', 'tanh', 'acosh', 'asinh', 'atanh', 'cbrt', 'hypot']);

/** Each use of such a function (`Math.exp`, …) and each `**` or `**=` in TypeScript source, as
 *  "line: code", found in the syntax tree (so comments and strings never count). */
function approximatedCalls(text: string): string[] {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const at = (node: ts.Node) => `${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}: ${node.getText(file)}`;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Math' && APPROXIMATED.has(node.name.text)) found.push(at(node));
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken || node.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskEqualsToken)) found.push(at(node));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('sim-core calls no engine-approximated function', () => {
  it('has no Math.exp, log, pow, trig or hyperbolic function and no ** outside engine/math.ts', () => {
    const files = sources(SRC).filter((f) => relative(SRC, f) !== join('engine', 'math.ts'));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((f) => approximatedCalls(readFileSync(f, 'utf8')).map((c) => `${relative(SRC, f)}:${c}`));
    expect(found, 'call exp, log, log1p, pow, cos or sin from engine/math.ts (x * x for a square): each engine rounds Math.* its own way').toEqual([]);
  });

  it('catches such a call, and not one inside a comment or a string', () => {
    expect(approximatedCalls('const y = Math.exp(x);\nlet z = 2;\nz **= 3;\nconst w = Math.min(1, q / s) ** (1 / eps);')).toEqual(['1: Math.exp', '3: z **= 3', '4: Math.min(1, q / s) ** (1 / eps)']);
    expect(approximatedCalls("const y = exp(x); // not Math.exp(x)\n/** nor x ** 2 */\nconst s = 'Math.log(x)'; const r = /a**/;")).toEqual([]);
  });
});

const BITS = new DataView(new ArrayBuffer(16));
/** Units in the last place between two doubles (0 for two NaNs or the same signed zero). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) && Number.isNaN(b)) return 0;
  if (Object.is(a, b)) return 0;
  if (Number.isNaN(a) || Number.isNaN(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  BITS.setFloat64(0, Math.abs(a));
  BITS.setFloat64(8, Math.abs(b));
  const d = BITS.getBigInt64(0) - BITS.getBigInt64(8);
  return Number(d < 0n ? -d : d);
}

const hex = (x: number): string => {
  BITS.setFloat64(0, x);
  return BITS.getBigUint64(0).toString(16).padStart(16, '0');
};

/** Doubles uniform in [lo, hi] and, as often, any double there (fast-check's bit-level draw). */
const within = (lo: number, hi: number) => fc.oneof(fc.double({ min: lo, max: hi, noNaN: true }), fc.integer({ min: 0, max: 1 << 30 }).map((i) => lo + ((hi - lo) * i) / (1 << 30)));

/** Worst error over the drawn inputs, reported when it exceeds 1 ulp. */
function within1ulp<T>(arb: fc.Arbitrary<T>, ours: (v: T) => number, theirs: (v: T) => number, numRuns = 20_000): void {
  fc.assert(
    fc.property(arb, (v) => ulps(ours(v), theirs(v)) <= 1),
    { seed: SEED, numRuns },
  );
}

const SPECIAL = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, 1.5, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-310, 709.782712893384, 709.79, -745.1332191019411, -745.14, 1e22, Math.PI, Math.PI / 2, -Math.PI / 4];

describe('accuracy: within 1 ulp of Math.* in Node, equal on special cases', () => {
  it('exp over logits, discount rates and its whole finite range', () => {
    within1ulp(within(-40, 40), exp, Math.exp);
    within1ulp(within(-1, 1), exp, Math.exp);
    within1ulp(within(-746, 710), exp, Math.exp);
    within1ulp(within(-1e-8, 1e-8), exp, Math.exp);
  });
  it('log over probabilities, prices and all positive doubles', () => {
    within1ulp(within(0, 1), log, Math.log);
    within1ulp(within(0.5, 2), log, Math.log);
    within1ulp(within(1, 1e9), log, Math.log);
    within1ulp(fc.double({ min: 0, noNaN: true }), log, Math.log);
  });
  it('log1p over small probabilities (binomial tails), near −1 and all doubles above −1', () => {
    within1ulp(within(-1, 1), log1p, Math.log1p);
    within1ulp(within(-1e-6, 1e-6), log1p, Math.log1p);
    within1ulp(fc.double({ min: -1, noNaN: true }), log1p, Math.log1p);
  });
  it('cos and sin over Box–Muller angles, medium and huge arguments', () => {
    for (const [ours, theirs] of [
      [cos, Math.cos],
      [sin, Math.sin],
    ] as const) {
      within1ulp(within(0, 2 * Math.PI), ours, theirs);
      within1ulp(within(-1e6, 1e6), ours, theirs);
      within1ulp(fc.double({ min: -1e300, max: 1e300, noNaN: true }), ours, theirs, 5_000);
    }
  });
  it('pow over the model\u2019s bases and exponents (discounting, elasticities, growth), negative bases with integer exponents', () => {
    const pair = (x: fc.Arbitrary<number>, y: fc.Arbitrary<number>) => fc.tuple(x, y);
    const f = ([x, y]: [number, number]) => pow(x, y);
    const g = ([x, y]: [number, number]) => Math.pow(x, y);
    within1ulp(pair(within(0, 1), within(0, 480)), f, g); // δ^months, (1 − m)^12
    within1ulp(pair(within(0, 10), within(-20, 20)), f, g); // price ratios to ±1/elasticity
    within1ulp(pair(within(0.9, 1.2), within(0, 30)), f, g); // growth over years
    within1ulp(pair(within(-50, 50), fc.integer({ min: -60, max: 60 })), f, g);
    within1ulp(pair(fc.double({ min: 0, noNaN: true }), within(-4, 4)), f, g);
  });
  it('special cases: exactly Math.*', () => {
    const bad: string[] = [];
    for (const x of SPECIAL) {
      for (const [name, ours, theirs] of [
        ['exp', exp, Math.exp],
        ['log', log, Math.log],
        ['log1p', log1p, Math.log1p],
        ['cos', cos, Math.cos],
        ['sin', sin, Math.sin],
      ] as const) {
        const a = ours(x);
        const b = theirs(x);
        // Finite special inputs may be rounded either way within 1 ulp; non-finite results, zeros
        // and NaN must be exactly ECMAScript's.
        if (!Number.isFinite(b) || b === 0 || !Number.isFinite(a) || a === 0 ? !Object.is(a, b) && !(Number.isNaN(a) && Number.isNaN(b)) : ulps(a, b) > 1) bad.push(`${name}(${x}) = ${a}, Math: ${b}`);
      }
      for (const y of SPECIAL) {
        const a = pow(x, y);
        const b = Math.pow(x, y);
        if (!Number.isFinite(b) || b === 0 || !Number.isFinite(a) || a === 0 ? !Object.is(a, b) && !(Number.isNaN(a) && Number.isNaN(b)) : ulps(a, b) > 1) bad.push(`pow(${x}, ${y}) = ${a}, Math: ${b}`);
      }
    }
    expect(bad).toEqual([]);
    // Exact where the mathematics is: integer powers of integers, e^0, log 1, cos 0.
    expect([pow(3, 20), pow(-2, 5), pow(10, 15), pow(2, -3), exp(0), log(1), cos(0), sin(-0)]).toEqual([3486784401, -32, 1e15, 0.125, 1, 0, 1, -0]);
  });
});

/** [expression, value, its bits]: results of this port, the same on any host. */
const GOLDEN: [string, () => number, number, string][] = [
  ['exp(1)', () => exp(1), 2.718281828459045, '4005bf0a8b145769'],
  ['exp(-3.7)', () => exp(-3.7), 0.024723526470339388, '3f99511fc6871044'],
  ['exp(0.1)', () => exp(0.1), 1.1051709180756477, '3ff1aec7b35a00d4'],
  ['exp(-740)', () => exp(-740), 4.2e-322, '0000000000000055'],
  ['exp(709.5)', () => exp(709.5), 1.3549863193146328e308, '7fe81e9b4b52d0c9'],
  ['log(10)', () => log(10), 2.302585092994046, '40026bb1bbb55516'],
  ['log(0.3)', () => log(0.3), -1.2039728043259361, 'bff34378fcbda721'],
  ['log(1e-310)', () => log(1e-310), -713.8013788281542, 'c0864e69394d9508'],
  ['log1p(-0.3)', () => log1p(-0.3), -0.35667494393873234, 'bfd6d3c324e13f4e'],
  ['log1p(1e-10)', () => log1p(1e-10), 9.999999999500001e-11, '3ddb7cdfd9d1d693'],
  ['log1p(5)', () => log1p(5), 1.791759469228055, '3ffcab0bfa2a2002'],
  ['pow(1.1, 240)', () => pow(1.1, 240), 8594971441.069317, '42000266d9888df6'],
  ['pow(0.95, 17.5)', () => pow(0.95, 17.5), 0.4075332918763903, '3fda15068428fafc'],
  ['pow(1.0275, 7/12)', () => pow(1.0275, 7 / 12), 1.015950935314068, '3ff04155c4983b88'],
  ['pow(-2, 5)', () => pow(-2, 5), -32, 'c040000000000000'],
  ['cos(1e22)', () => cos(1e22), 0.523214785395139, '3fe0be2cef01c8f4'],
  ['cos(2π·0.3)', () => cos(2 * Math.PI * 0.3), -0.30901699437494734, 'bfd3c6ef372fe94e'],
  ['cos(1e6)', () => cos(1e6), 0.9367521275331447, '3fedf9df9906d32c'],
  ['sin(1e22)', () => sin(1e22), -0.8522008497671888, 'bfeb453ab76bf397'],
  ['sin(3)', () => sin(3), 0.1411200080598672, '3fc210386db6d55b'],
];

describe('golden bits of the port', () => {
  it.each(GOLDEN)('%s', (_name, f, value, bits) => {
    const got = f();
    expect(hex(got)).toBe(bits);
    expect(got).toBe(value);
  });
});
