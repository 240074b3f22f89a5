/**
 * Deterministic elementary functions: exp, log, log1p, pow, cos and sin that give the same bits on every
 * JavaScript engine. ECMAScript leaves `Math.exp`, `Math.log`, `Math.pow` (and `**`), `Math.cos`
 * and `Math.sin` "implementation-approximated": Chromium 156's V8 and Node 20's differ in the last
 * bit on some inputs (of 20,000 draws, 1,970 for exp, 396 for log, 651 for cos, 1,879 for pow),
 * and a chaotic model carries one such bit into a different run. The model promises that the same
 * scenario, seed and version give byte-identical output on any host, so every transcendental
 * function it calls comes from here, written only with IEEE-754 operations that every engine
 * rounds the same way (+ − × ÷, `Math.sqrt`, `Math.floor`, `Math.abs`, and reads and writes of a
 * double's two 32-bit words through one DataView allocated at module load; nothing allocates per
 * call).
 *
 * Source: a port to TypeScript of fdlibm 5.3 as kept in FreeBSD's msun and JuliaMath's openlibm
 * (`e_exp.c`, `e_log.c`, `s_log1p.c`, `e_pow.c`, `s_cos.c`, `s_sin.c`, `k_cos.c`, `k_sin.c`, `e_rem_pio2.c`,
 * `k_rem_pio2.c`), the same algorithms and coefficients, with `scalbn` after musl
 * (`src/math/scalbn.c`, MIT licence). Each function keeps fdlibm's special cases (NaN, ±Infinity,
 * ±0, subnormals, overflow and underflow, a negative base with an integer exponent for pow) and its
 * accuracy (under 1 ulp; pow "nearly rounded", exact for integer powers of integers that are
 * representable). The coefficients are written as the shortest decimals of fdlibm's hexadecimal
 * words (in the comments), which every engine parses to the same double.
 *
 * fdlibm's notice, which its licence asks to preserve:
 *   Copyright (C) 1993, 2004 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunSoft, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted, provided
 *   that this notice is preserved.
 */

/** The one scratch double through which a number's words are read and written (big-endian view:
 *  byte 0 holds the sign and exponent on any platform). */
const BITS = new DataView(new ArrayBuffer(8));

/** 2^k for k = −1074 … 1023 at POW2[k + 1074], exact (built by halving and doubling 1). Scaling by
 *  a power of two is exact while the result stays normal, so a table lookup and a multiplication
 *  do what fdlibm does by writing an exponent field, without a trip through memory. */
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let k = 1; k <= 1023; k++) POW2[1074 + k] = POW2[1073 + k] * 2;
for (let k = 1; k <= 1074; k++) POW2[1074 - k] = POW2[1075 - k] * 0.5;

/** The high word (sign, exponent, top 20 bits of the fraction) of x, as a signed 32-bit integer. */
function highWord(x: number): number {
  BITS.setFloat64(0, x);
  return BITS.getInt32(0);
}

/** The double with words `hi` and `lo`. */
function fromWords(hi: number, lo: number): number {
  BITS.setInt32(0, hi);
  BITS.setInt32(4, lo);
  return BITS.getFloat64(0);
}

/**
 * The double whose high word is `hi` and low word 0 (fdlibm's INSERT_WORDS(x, hi, 0)), built by
 * arithmetic: (2^20 + the 20 fraction bits) × 2^(exponent − 1043), exactly. Writing two words and
 * reading a double back stalls the processor's store forwarding; pow does this a dozen times a
 * call.
 */
function fromHigh(hi: number): number {
  const field = (hi >>> 20) & 0x7ff;
  const frac = hi & 0xfffff;
  const v = field === 0 ? frac * POW2[32] : (frac + 0x100000) * POW2[field + 31]; // 2^-1042, 2^(field − 1043)
  return hi < 0 ? -v : v;
}

/** x with its low word cleared (fdlibm's SET_LOW_WORD(x, 0)): its top 21 fraction bits. */
function chop(x: number): number {
  return fromHigh(highWord(x));
}

/** x × 2^n, rounded once (musl's scalbn). */
function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= 8.98846567431158e307; // 0x1p1023
    n -= 1023;
    if (n > 1023) {
      y *= 8.98846567431158e307;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // 0x1p-1022 × 0x1p53: keep the intermediate normal so the final product rounds only once.
    y *= 2.004168360008973e-292;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2.004168360008973e-292;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * POW2[n + 1074];
}

// ---------------------------------------------------------------------------------------------
// exp (e_exp.c): x = k·ln2 + r with |r| ≤ ln2/2, exp(r) by a degree-5 rational form, × 2^k.

const O_THRESHOLD = 709.782712893384; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -745.1332191019411; // 0xC0874910 D52D3051
const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.4426950408889634; // 0x3FF71547 652B82FE
const P1 = 0.16666666666666602; // 0x3FC55555 5555553E
const P2 = -0.0027777777777015593; // 0xBF66C16C 16BEBD93
const P3 = 0.00006613756321437934; // 0x3F11566A AF25DE2C
const P4 = -0.0000016533902205465252; // 0xBEBBBD41 C5D26BF1
const P5 = 4.1381367970572385e-8; // 0x3E663769 72BEA4D0
const TWO_M1000 = 9.332636185032189e-302; // 0x01700000 00000000 = 2^-1000

/** fdlibm's thresholds on the high word of |x|, as the doubles where they start: comparing |x|
 *  with them takes the same branches without reading x's bits. */
const EXP_BIG = 709.7822265625; // high word 0x40862E42: |x| from here may overflow or underflow
const EXP_HALF_LN2 = 0.3465735912322998; // high word 0x3FD62E43: |x| > ln2/2 from here
const EXP_3HALF_LN2 = 1.0397205352783203; // high word 0x3FF0A2B2: |x| < 1.5·ln2 below here
const EXP_TINY = 3.725290298461914e-9; // high word 0x3E300000 = 2^-28

/**
 * e^x, under 1 ulp from the true value (fdlibm's `__ieee754_exp`). The hottest function of a
 * model (a logistic choice per agent and month), so it compares |x| with thresholds instead of
 * reading x's high word and scales by 2^k from a table instead of writing an exponent: the same
 * operations on the same values as fdlibm, bit for bit, without a trip through memory.
 */
export function exp(x: number): number {
  if (x !== x) return x; // NaN
  const ax = Math.abs(x);
  if (ax >= EXP_BIG) {
    // |x| ≥ 709.78…: ±Infinity, overflow or underflow
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  // fdlibm's algorithm gives 2.7182818284590455 here; fdlibm 5.3 returns the nearest double.
  if (x === 1) return 2.718281828459045;

  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= EXP_HALF_LN2) {
    // |x| > ln2/2: reduce.
    if (ax < EXP_3HALF_LN2) {
      // and |x| < 1.5·ln2: k = ±1
      if (x < 0) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0; // C's (int) truncates; |k| ≤ 1075
      hi = x - k * LN2_HI; // k·LN2_HI is exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < EXP_TINY) {
    // |x| < 2^-28: e^x = 1 + x to the last bit.
    return 1 + x;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * 8.98846567431158e307; // 2^1023
    return y * POW2[k + 1074];
  }
  return y * POW2[k + 2074] * TWO_M1000; // a subnormal result (k down to −1075), rounded once
}

// ---------------------------------------------------------------------------------------------
// log (e_log.c): x = 2^k·(1+f) with √2/2 < 1+f < √2, log(1+f) by a degree-14 polynomial in
// s = f/(2+f), + k·ln2 in two parts.

const TWO54 = 18014398509481984; // 0x43500000 00000000
const LG1 = 0.6666666666666735; // 0x3FE55555 55555593
const LG2 = 0.3999999999940942; // 0x3FD99999 9997FA04
const LG3 = 0.2857142874366239; // 0x3FD24924 94229359
const LG4 = 0.22222198432149784; // 0x3FCC71C5 1D8E78AF
const LG5 = 0.1818357216161805; // 0x3FC74664 96CB03DE
const LG6 = 0.15313837699209373; // 0x3FC39A09 D078C69F
const LG7 = 0.14798198605116586; // 0x3FC2F112 DF3E5244

/** The natural logarithm of x, under 1 ulp from the true value (fdlibm's `__ieee754_log`). */
export function log(x: number): number {
  BITS.setFloat64(0, x);
  let hx = BITS.getInt32(0);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: ±0, negative, or subnormal.
    if (((hx & 0x7fffffff) | BITS.getInt32(4)) === 0) return -Infinity; // log(±0)
    if (hx < 0) return NaN; // log(negative), log(−∞), a NaN with its sign bit set
    k -= 54;
    x *= TWO54; // subnormal: scale up
    BITS.setFloat64(0, x);
    hx = BITS.getInt32(0);
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  const field = hx >> 20;
  k += field - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x *= POW2[((i ^ 0x3ff00000) >> 20) - field + 1074]; // normalise x or x/2: its exponent field to 0x3ff or 0x3fe
  k += i >> 20;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // −2^-20 ≤ f < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + k * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : k * LN2_HI - (s * (f - R) - k * LN2_LO - f);
}

/**
 * log(1 + x), under 1 ulp from the true value also for tiny x (fdlibm's s_log1p.c): 1 + x =
 * 2^k·(1+f) as in `log`, with a correction for the rounding of 1 + x.
 */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // 1 + x < √2
    if (ax >= 0x3ff00000) return x === -1 ? -Infinity : NaN; // x ≤ −1
    if (ax < 0x3e200000) {
      // |x| < 2^-29
      if (ax < 0x3c900000) return x; // |x| < 2^-54 (keeps −0)
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      // √2/2 ≤ 1 + x < √2: f = x exactly
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x; // +∞ or NaN
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1); // the rounding error of 1 + x
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    const field = hu >> 20;
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u *= POW2[0x3ff - field + 1074]; // normalise u: its exponent field to 0x3ff
    } else {
      k += 1;
      u *= POW2[0x3fe - field + 1074]; // normalise u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const R = hfsq * (1 - 0.6666666666666666 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  return k === 0 ? f - (hfsq - s * (hfsq + R)) : k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

// ---------------------------------------------------------------------------------------------
// pow (e_pow.c): log2(x) in two pieces (the first with 29 trailing zero bits), y·log2(x) = n + y'
// in simulated extra precision, x^y = 2^n · exp(y'·ln2).

const DP_H1 = 0.5849624872207642; // 0x3FE2B803 40000000: log2(1.5) high
const DP_L1 = 1.350039202129749e-8; // 0x3E4CFDEB 43CFD006: log2(1.5) tail
const TWO53 = 9007199254740992; // 0x43400000 00000000
const L1 = 0.5999999999999946; // 0x3FE33333 33333303
const L2 = 0.4285714285785502; // 0x3FDB6DB6 DB6FABFF
const L3 = 0.33333332981837743; // 0x3FD55555 518F264D
const L4 = 0.272728123808534; // 0x3FD17460 A91D4101
const L5 = 0.23066074577556175; // 0x3FCD864A 93C9DB65
const L6 = 0.20697501780033842; // 0x3FCA7E28 4A454EEF
const LG2_ = 0.6931471805599453; // 0x3FE62E42 FEFA39EF
const LG2_H = 0.6931471824645996; // 0x3FE62E43 00000000
const LG2_L = -1.904654299957768e-9; // 0xBE205C61 0CA86C39
const OVT = 8.008566259537294e-17; // −(1024 − log2(largest double + ½ ulp))
const CP = 0.9617966939259756; // 0x3FEEC709 DC3A03FD = 2/(3·ln2)
const CP_H = 0.9617967009544373; // 0x3FEEC709 E0000000
const CP_L = -7.028461650952758e-9; // 0xBE3E2FE0 145B01F5
const IVLN2 = 1.4426950408889634; // 0x3FF71547 652B82FE
const IVLN2_H = 1.4426950216293335; // 0x3FF71547 60000000
const IVLN2_L = 1.9259629911266175e-8; // 0x3E54AE0B F85DDF44

/**
 * The last powers computed, by their arguments' words: a direct-mapped table of 4,096 entries
 * (96 kB a thread). A model's searches ask for the same powers again and again — a bisection
 * over the same interval visits the same midpoints in every region and month, and a discount
 * factor is raised to the same horizon for every option weighed — so about 43% of a baseline
 * run's 400,000 calls find their answer here (at the ensemble's scale). A hit is the number the computation gives, since pow is a function of
 * its arguments' bits alone; the key is all four words, so ±0 and NaNs are told apart. Allocated
 * at module load, written in place: nothing allocates per call.
 */
const MEMO_BITS = 12;
const MEMO_KEYS = new Int32Array(4 << MEMO_BITS);
const MEMO_VALUES = new Float64Array(1 << MEMO_BITS);
// An empty slot holds the words (−1, −1, −1, −1) and the value NaN: a NaN raised to a NaN, the
// right answer for the one call that could match it.
MEMO_KEYS.fill(-1);
MEMO_VALUES.fill(NaN);

/**
 * x to the power y, nearly rounded (fdlibm's `__ieee754_pow`): pow(integer, integer) is exact
 * when representable; a negative x with an integer y gives the signed power, with any other y NaN.
 */
export function pow(x: number, y: number): number {
  BITS.setFloat64(0, x);
  const hx = BITS.getInt32(0);
  const lx = BITS.getInt32(4);
  BITS.setFloat64(0, y);
  const hy = BITS.getInt32(0);
  const ly = BITS.getInt32(4);
  const slot = Math.imul(Math.imul(hx ^ (lx >>> 7), 0x9e3779b1) ^ lx ^ Math.imul(hy ^ ly, 0x85ebca6b), 0xc2b2ae35) >>> (32 - MEMO_BITS);
  const key = slot << 2;
  if (MEMO_KEYS[key] === hx && MEMO_KEYS[key + 1] === lx && MEMO_KEYS[key + 2] === hy && MEMO_KEYS[key + 3] === ly) return MEMO_VALUES[slot];
  const z = powOfWords(x, y, hx, lx, hy, ly);
  MEMO_KEYS[key] = hx;
  MEMO_KEYS[key + 1] = lx;
  MEMO_KEYS[key + 2] = hy;
  MEMO_KEYS[key + 3] = ly;
  MEMO_VALUES[slot] = z;
  return z;
}

/** pow's computation, given the high and low words of x (hx, lx) and of y (hy, ly). */
function powOfWords(x: number, y: number, hx: number, lx: number, hy: number, ly: number): number {
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1; // x^±0 = 1, even for NaN x
  // ECMAScript's special cases where C's differ: a NaN y gives NaN even for x = 1 (C: 1), and
  // (±1)^±∞ is NaN (C: 1). Elsewhere the two agree.
  if (ix > 0x7ff00000 || (ix === 0x7ff00000 && lx !== 0) || iy > 0x7ff00000 || (iy === 0x7ff00000 && ly !== 0)) return NaN;
  if (hx === 0x3ff00000 && lx === 0 && iy !== 0x7ff00000) return 1; // 1^y = 1

  // When x < 0: is y an odd integer (1), an even integer (2), or not an integer (0)?
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2; // |y| ≥ 2^53: even
    else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if (j << (52 - e) === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // Special values of y.
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y = ±∞
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±∞
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0; // (|x| > 1)^±∞ = ∞, 0
      return hy < 0 ? -y : 0; // (|x| < 1)^±∞ = ∞, 0
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x; // y = ±1
    if (hy === 0x40000000) return x * x; // y = 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y = 0.5, x ≥ +0
  }

  let ax = Math.abs(x);
  // Special values of x: ±0, ±∞, ±1.
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = ax;
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) z = NaN; // (−1)^non-integer
      else if (yisint === 1) z = -z; // (x < 0)^odd = −(|x|^odd)
    }
    return z;
  }

  // (x < 0)^(non-integer) is NaN.
  const xNegative = hx < 0;
  if (xNegative && yisint === 0) return NaN;
  const s = xNegative && yisint === 1 ? -1 : 1; // the sign of the result

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: overflow or underflow whatever x
      if (ix <= 0x3fefffff) return hy < 0 ? Infinity : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? Infinity : 0;
    }
    // Overflow or underflow unless x is close to 1.
    if (ix < 0x3fefffff) return hy < 0 ? s * Infinity : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * Infinity : s * 0;
    // |1 − x| ≤ 2^-20: log(x) by x − x²/2 + x³/3 − x⁴/4.
    const t = ax - 1; // has 20 trailing zeros
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t; // IVLN2_H has 21 significant bits
    const v = t * IVLN2_L - w * IVLN2;
    t1 = chop(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    const field = ix >> 20;
    n += field - 0x3ff;
    const j = ix & 0x000fffff;
    // The interval of the mantissa: [1, √1.5) around 1, [√1.5, √3) around 1.5, else halve it.
    ix = j | 0x3ff00000;
    let k: number;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax *= POW2[(ix >> 20) - field + 1074]; // its exponent field to ix's
    const bp = k === 0 ? 1 : 1.5;
    const dpH = k === 0 ? 0 : DP_H1;
    const dpL = k === 0 ? 0 : DP_L1;

    // ss = s_h + s_l = (x − 1)/(x + 1) or (x − 1.5)/(x + 1.5)
    let u = ax - bp;
    let v = 1 / (ax + bp);
    const ss = u * v;
    const sH = chop(ss);
    // t_h = ax + bp, high part
    let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18));
    let tL = ax - (tH - bp);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = chop(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    // u + v = ss·(1 + …)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2/(3·ln2)·(ss + …)
    const pH = chop(u + v);
    const pL = v - (pH - u);
    const zH = CP_H * pH; // CP_H + CP_L = 2/(3·ln2)
    const zL = CP_L * pH + pL * CP + dpL;
    // log2(ax) = (ss + …)·2/(3·ln2) = n + dp_h + z_h + z_l
    const t = n;
    t1 = chop(zH + zL + dpH + t);
    t2 = zL - (t1 - t - dpH - zH);
  }

  // (y1 + y2)·(t1 + t2) with y1 = y's top bits.
  const y1 = chop(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  BITS.setFloat64(0, z);
  let j = BITS.getInt32(0);
  const i = BITS.getInt32(4);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return s * Infinity; // z > 1024
    if (pL + OVT > z - pH) return s * Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (j !== (0xc090cc00 | 0) || i !== 0) return s * 0; // z < −1075
    if (pL <= z - pH) return s * 0;
  }

  // 2^(p_h + p_l)
  const iz = j & 0x7fffffff;
  let k = (iz >> 20) - 0x3ff;
  let n = 0;
  if (iz > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff; // the new k for n
    const t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = chop(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const tt = z * z;
  const c = z - tt * (P1 + tt * (P2 + tt * (P3 + tt * (P4 + tt * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  j = (highWord(z) + (n << 20)) | 0;
  if (j >> 20 <= 0) z = scalbn(z, n); // subnormal result
  else z = n <= 1023 ? z * POW2[n + 1074] : z * 2 * POW2[n + 1073]; // z·2^n, exact (n ≤ 1024)
  return s * z;
}

// ---------------------------------------------------------------------------------------------
// cos and sin (s_cos.c, s_sin.c): reduce x to y0 + y1 = x − n·π/2 with |y| ≤ π/4, then the kernels
// of k_cos.c and k_sin.c by quadrant. Reduction by Cody–Waite in up to three steps for
// |x| < 2^20·π/2 (e_rem_pio2.c), by Payne–Hanek over 2/π's bits beyond (k_rem_pio2.c).

const C1 = 0.0416666666666666; // 0x3FA55555 5555554C
const C2 = -0.001388888888887411; // 0xBF56C16C 16C15177
const C3 = 0.00002480158728947673; // 0x3EFA01A0 19CB1590
const C4 = -2.7557314351390663e-7; // 0xBE927E4F 809C52AD
const C5 = 2.087572321298175e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.1359647557788195e-11; // 0xBDA8FAE9 BE8838D4
const S1 = -0.16666666666666632; // 0xBFC55555 55555549
const S2 = 0.00833333333332249; // 0x3F811111 1110F8A6
const S3 = -0.0001984126982985795; // 0xBF2A01A0 19C161D5
const S4 = 0.0000027557313707070068; // 0x3EC71DE3 57B1FE7D
const S5 = -2.5050760253406863e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155e-10; // 0x3DE5D93A 5ACFD57C

/** cos(x + y) for |x| ≤ π/4, y the tail of x (k_cos.c). */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

/** sin(x + y) for |x| ≤ π/4, y the tail of x (k_sin.c); `tail` false when y is 0. */
function kernelSin(x: number, y: number, tail: boolean): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (!tail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const INV_PIO2 = 0.6366197723675814; // 0x3FE45F30 6DC9C883: 53 bits of 2/π
const PIO2_1 = 1.5707963267341256; // 0x3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // 0x3DD0B461 1A626331: π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // 0x3DD0B461 1A600000: second 33 bits
const PIO2_2T = 2.0222662487959506e-21; // 0x3BA3198A 2E037073
const PIO2_3 = 2.0222662487111665e-21; // 0x3BA3198A 2E000000: third 33 bits
const PIO2_3T = 8.4784276603689e-32; // 0x397B839A 252049C1
const TWO24 = 16777216;
const TWON24 = 5.960464477539063e-8; // 2^-24

/** The reduced argument of the last `remPio2` call: x − n·π/2 = REDUCED[0] + REDUCED[1]. */
const REDUCED = new Float64Array(2);

/** Reduce x modulo π/2 into REDUCED; return n (e_rem_pio2.c, FreeBSD's version; |x| ≤ π/4 is
 *  the callers' shortcut). */
function remPio2(x: number): number {
  BITS.setFloat64(0, x);
  const hx = BITS.getInt32(0);
  const ix = hx & 0x7fffffff;
  // |x| ≤ 9π/4 and not close to a multiple of π/2: n = ±1 to ±4 in one step, good to 85 bits.
  if (ix <= 0x401c463b && (ix & 0xfffff) !== 0x921fb && ix !== 0x4012d97c) {
    const n = ix <= 0x4002d97c ? 1 : ix <= 0x400f6a7a ? 2 : ix <= 0x4015fdbc ? 3 : 4;
    if (hx > 0) {
      const z = x - n * PIO2_1;
      REDUCED[0] = z - n * PIO2_1T;
      REDUCED[1] = z - REDUCED[0] - n * PIO2_1T;
      return n;
    }
    const z = x + n * PIO2_1;
    REDUCED[0] = z + n * PIO2_1T;
    REDUCED[1] = z - REDUCED[0] + n * PIO2_1T;
    return -n;
  }
  if (ix < 0x413921fb) {
    // |x| < 2^20·π/2: n = rint(x·2/π), x − n·π/2 by Cody–Waite in 1 to 3 steps.
    let fn = x * INV_PIO2 + 6755399441055744; // + 0x1.8p52 rounds to an integer
    fn -= 6755399441055744;
    const n = fn | 0;
    let r = x - fn * PIO2_1;
    let w = fn * PIO2_1T; // first step, good to 85 bits
    const j = ix >> 20;
    let y0 = r - w;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      // second step, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        // third step, 151 bits: covers every case
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    REDUCED[0] = y0;
    REDUCED[1] = r - y0 - w;
    return n;
  }
  // Large |x|: split |x| into three 24-bit pieces for the Payne–Hanek reduction.
  const low = BITS.getInt32(4);
  const e0 = (ix >> 20) - 1046; // ilogb(|x|) − 23
  let z = fromWords(ix - (e0 << 20), low);
  for (let i = 0; i < 2; i++) {
    PIECES[i] = z | 0;
    z = (z - PIECES[i]) * TWO24;
  }
  PIECES[2] = z;
  let nx = 3;
  while (PIECES[nx - 1] === 0) nx--;
  const n = kernelRemPio2(e0, nx);
  if (hx < 0) {
    REDUCED[0] = -REDUCED[0];
    REDUCED[1] = -REDUCED[1];
    return -n;
  }
  return n;
}

/** 2/π in 24-bit chunks: IPIO2[i] holds bits 24i to 24i + 23 after the binary point (the 66 a
 *  double's exponent range needs). */
const IPIO2 = new Int32Array([
  0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7, 0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb,
  0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c, 0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11, 0x8b5a0a,
  0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7, 0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0,
  0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e, 0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
]);

/** π/2 in 24-bit chunks. */
const PIO2 = new Float64Array([
  1.570796251296997, // 0x3FF921FB 40000000
  7.549789415861596e-8, // 0x3E74442D 00000000
  5.390302529957765e-15, // 0x3CF84698 80000000
  3.282003415807913e-22, // 0x3B78CC51 60000000
  1.270655753080676e-29, // 0x39F01B83 80000000
  1.2293330898111133e-36, // 0x387A2520 40000000
  2.7337005381646456e-44, // 0x36E38222 80000000
  2.1674168387780482e-51, // 0x3569F31D 00000000
]);

// Scratch of the large reduction, allocated once.
const PIECES = new Float64Array(3);
const F = new Float64Array(20);
const Q = new Float64Array(20);
const FQ = new Float64Array(20);
const IQ = new Int32Array(20);

/**
 * Payne–Hanek reduction (k_rem_pio2.c at double precision): PIECES[0..nx) are 24-bit pieces of
 * |x| (PIECES[0] scaled by 2^e0); writes x − N·π/2 into REDUCED and returns N mod 8. Only the
 * chunks of 2/π whose product with x is not a multiple of 8 are used, so the cost does not grow
 * with x.
 */
function kernelRemPio2(e0: number, nx: number): number {
  const jk = 4; // terms of 2/π beyond the first needed for 53 bits (fdlibm's init_jk[1])
  const jp = jk;
  const jx = nx - 1;
  let jv = ((e0 - 3) / 24) | 0;
  if (jv < 0) jv = 0;
  let q0 = e0 - 24 * (jv + 1);

  // F[0..jx+jk] = IPIO2[jv−jx ..], zero before the table
  for (let i = 0, j = jv - jx; i <= jx + jk; i++, j++) F[i] = j < 0 ? 0 : IPIO2[j];
  for (let i = 0; i <= jk; i++) {
    let fw = 0;
    for (let j = 0; j <= jx; j++) fw += PIECES[j] * F[jx + i - j];
    Q[i] = fw;
  }

  let jz = jk;
  let n = 0;
  let ih = 0;
  let z = 0;
  for (;;) {
    // Distill Q into 24-bit integers IQ, most significant first.
    z = Q[jz];
    for (let i = 0, j = jz; j > 0; i++, j--) {
      const fw = (TWON24 * z) | 0;
      IQ[i] = (z - TWO24 * fw) | 0;
      z = Q[j - 1] + fw;
    }
    // n, the integer part mod 8
    z = scalbn(z, q0);
    z -= 8 * Math.floor(z * 0.125);
    n = z | 0;
    z -= n;
    ih = 0;
    if (q0 > 0) {
      // IQ[jz−1] holds some of n's bits
      const i = IQ[jz - 1] >> (24 - q0);
      n += i;
      IQ[jz - 1] -= i << (24 - q0);
      ih = IQ[jz - 1] >> (23 - q0);
    } else if (q0 === 0) ih = IQ[jz - 1] >> 23;
    else if (z >= 0.5) ih = 2;

    if (ih > 0) {
      // the fraction is ≥ 0.5: take 1 − fraction, n + 1
      n += 1;
      let carry = 0;
      for (let i = 0; i < jz; i++) {
        const j = IQ[i];
        if (carry === 0) {
          if (j !== 0) {
            carry = 1;
            IQ[i] = 0x1000000 - j;
          }
        } else IQ[i] = 0xffffff - j;
      }
      if (q0 === 1) IQ[jz - 1] &= 0x7fffff;
      else if (q0 === 2) IQ[jz - 1] &= 0x3fffff;
      if (ih === 2) {
        z = 1 - z;
        if (carry !== 0) z -= scalbn(1, q0);
      }
    }

    // Cancellation: if every computed chunk is zero, take more terms of 2/π and recompute.
    if (z === 0) {
      let j = 0;
      for (let i = jz - 1; i >= jk; i--) j |= IQ[i];
      if (j === 0) {
        let k = 1;
        while (IQ[jk - k] === 0) k++;
        for (let i = jz + 1; i <= jz + k; i++) {
          F[jx + i] = IPIO2[jv + i];
          let fw = 0;
          for (let jj = 0; jj <= jx; jj++) fw += PIECES[jj] * F[jx + i - jj];
          Q[i] = fw;
        }
        jz += k;
        continue;
      }
    }
    break;
  }

  // Drop zero chunks, or split z into 24-bit chunks.
  if (z === 0) {
    jz -= 1;
    q0 -= 24;
    while (IQ[jz] === 0) {
      jz--;
      q0 -= 24;
    }
  } else {
    z = scalbn(z, -q0);
    if (z >= TWO24) {
      const fw = (TWON24 * z) | 0;
      IQ[jz] = (z - TWO24 * fw) | 0;
      jz += 1;
      q0 += 24;
      IQ[jz] = fw;
    } else IQ[jz] = z | 0;
  }

  // The chunks as doubles, then their product with π/2.
  let fw = scalbn(1, q0);
  for (let i = jz; i >= 0; i--) {
    Q[i] = fw * IQ[i];
    fw *= TWON24;
  }
  for (let i = jz; i >= 0; i--) {
    fw = 0;
    for (let k = 0; k <= jp && k <= jz - i; k++) fw += PIO2[k] * Q[i + k];
    FQ[jz - i] = fw;
  }

  // Compress FQ into two doubles.
  fw = 0;
  for (let i = jz; i >= 0; i--) fw += FQ[i];
  REDUCED[0] = ih === 0 ? fw : -fw;
  fw = FQ[0] - fw;
  for (let i = 1; i <= jz; i++) fw += FQ[i];
  REDUCED[1] = ih === 0 ? fw : -fw;
  return n & 7;
}

/** cos(x), nearly rounded (fdlibm's s_cos.c). */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ π/4
    if (ix < 0x3e46a09e) return 1; // |x| < 2^-27·√2
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN; // cos(±∞), cos(NaN)
  const n = remPio2(x);
  const y0 = REDUCED[0];
  const y1 = REDUCED[1];
  switch (n & 3) {
    case 0:
      return kernelCos(y0, y1);
    case 1:
      return -kernelSin(y0, y1, true);
    case 2:
      return -kernelCos(y0, y1);
    default:
      return kernelSin(y0, y1, true);
  }
}

/** sin(x), nearly rounded (fdlibm's s_sin.c). */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ π/4
    if (ix < 0x3e500000) return x; // |x| < 2^-26: sin x = x (keeps −0)
    return kernelSin(x, 0, false);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  const y0 = REDUCED[0];
  const y1 = REDUCED[1];
  switch (n & 3) {
    case 0:
      return kernelSin(y0, y1, true);
    case 1:
      return kernelCos(y0, y1);
    case 2:
      return -kernelSin(y0, y1, true);
    default:
      return -kernelCos(y0, y1);
  }
}
