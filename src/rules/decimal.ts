// Exact decimal arithmetic for grades: numbers become fractions of bigints, never binary floats.
import { RuleInputError } from "./rule-error";

/** An exact fraction n/d with d > 0, always in lowest terms. */
export type Fraction = { readonly n: bigint; readonly d: bigint };

/**
 * Floats carry representation error: (6.3 + 6.6) / 2 is 6.449999999999999, 5.55 is stored as
 * 5.54999…. Grades are written with a few decimals, so the float is first snapped to 12
 * significant digits (far more than any grade has, far fewer than the ~16 where float noise
 * lives) and that decimal string is read exactly.
 */
const SIGNIFICANT_DIGITS = 12;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function pow10(exponent: number): bigint {
  return 10n ** BigInt(exponent);
}

export function fraction(n: bigint, d: bigint = 1n): Fraction {
  if (d === 0n) throw new RangeError("Division by zero");
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

/** The decimal a person meant by `value` (see SIGNIFICANT_DIGITS), as an exact fraction. */
export function fromNumber(value: unknown, field?: string): Fraction {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RuleInputError("Dit is geen getal.", field);
  }
  const m = DECIMAL.exec(value.toPrecision(SIGNIFICANT_DIGITS));
  if (!m) throw new RuleInputError("Dit is geen getal.", field);
  const [, sign, whole, decimals = "", exp = "0"] = m;
  const digits = BigInt(whole + decimals) * (sign === "-" ? -1n : 1n);
  const exponent = Number(exp) - decimals.length;
  return exponent >= 0 ? fraction(digits * pow10(exponent)) : fraction(digits, pow10(-exponent));
}

export function add(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function multiply(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.n, a.d * b.d);
}

export function divide(a: Fraction, b: Fraction): Fraction {
  return fraction(a.n * b.d, a.d * b.n);
}

export function sum(values: readonly Fraction[]): Fraction {
  return values.reduce(add, fraction(0n));
}

/** −1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}

/** The arithmetic mean; `values` must not be empty. */
export function mean(values: readonly Fraction[]): Fraction {
  return divide(sum(values), fraction(BigInt(values.length)));
}

/**
 * Rounds half up to `decimals` places on the exact value: the digit after the last kept one
 * decides, 5 or more goes up (6.45 → 6.5, 6.44 → 6.4). Negative values round half away from
 * zero, the mirror image; grades are never negative.
 */
export function roundHalfUp(value: Fraction, decimals: number): Fraction {
  const scale = pow10(decimals);
  const magnitude = value.n < 0n ? -value.n : value.n;
  const units = (2n * magnitude * scale + value.d) / (2n * value.d);
  return fraction(value.n < 0n ? -units : units, scale);
}

/** Cuts off after `decimals` places (toward zero): for showing an average without rounding it up. */
export function truncate(value: Fraction, decimals: number): Fraction {
  const scale = pow10(decimals);
  return fraction((value.n * scale) / value.d, scale);
}

/** Writes the fraction as a decimal with at most `maxDecimals` places, cut off, never rounded. */
export function toDecimalString(value: Fraction, maxDecimals = 20): string {
  const negative = value.n < 0n;
  const magnitude = negative ? -value.n : value.n;
  const whole = magnitude / value.d;
  let rest = magnitude % value.d;
  let digits = "";
  while (rest !== 0n && digits.length < maxDecimals) {
    rest *= 10n;
    digits += String(rest / value.d);
    rest %= value.d;
  }
  digits = digits.replace(/0+$/, "");
  return `${negative && (whole !== 0n || digits) ? "-" : ""}${whole}${digits ? `.${digits}` : ""}`;
}

/** The nearest float: exact decimals such as 6.45 come back as the literal 6.45. */
export function toNumber(value: Fraction): number {
  return Number(toDecimalString(value, 20));
}

export function isInteger(value: Fraction): boolean {
  return value.d === 1n;
}
