/**
 * WDL numbers. The runtime keeps integers and floats apart (div(11, 5) is 2 but div(11, 5.0) is 2.2) and has
 * decimal() values exact to .NET's 28 fractional digits. A JavaScript number cannot tell 5 from 5.0, so while
 * an expression is evaluated a number is one of:
 * - a plain number: an integer when Number.isInteger, otherwise a float (a fraction can only be a float);
 * - a WholeFloat: a float whose value happens to be whole (the literal 5.0, float('10'), mul(1.5, 2)), the one
 *   case a plain number cannot express;
 * - a Decimal, from decimal().
 * Why wrappers rather than a float flag on every value: only these two rare cases need one, and every other
 * value stays the plain JSON the scope hands in. Neither wrapper escapes: evaluateExpression unwraps them
 * (values.toPlain), so workflow-visible values are plain JSON numbers, and a whole float stored in a variable
 * reads back as an integer, the same loss a JSON round trip has.
 */

export class WholeFloat {
  constructor(readonly value: number) {}

  toJSON(): number {
    return this.value;
  }
}

/** .NET decimal keeps at most 28 digits after the point. */
const MAX_SCALE = 28;
const TEN = 10n;

export class Decimal {
  /** The value is units / 10^scale; the scale is kept as written, so decimal('1.50') prints 1.50 as .NET does. */
  constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  /** Plain decimal text (optional sign, digits, optional fraction); undefined when it is not one. */
  static parse(text: string): Decimal | undefined {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return undefined;
    const fraction = m[3] ?? "";
    const units = BigInt(`${m[1] === "-" ? "-" : ""}${m[2] || "0"}${fraction}`);
    return new Decimal(units, fraction.length).limited();
  }

  static from(value: WdlNumber): Decimal {
    if (value instanceof Decimal) return value;
    const n = value instanceof WholeFloat ? value.value : value;
    if (Number.isSafeInteger(n)) return new Decimal(BigInt(n), 0);
    // The shortest text that round-trips, as .NET's double-to-decimal conversion keeps the digits one sees.
    return Decimal.parse(expandExponent(String(n))) ?? new Decimal(0n, 0);
  }

  private limited(): Decimal {
    if (this.scale <= MAX_SCALE) return this;
    const divisor = TEN ** BigInt(this.scale - MAX_SCALE);
    const half = this.units < 0n ? -divisor / 2n : divisor / 2n;
    return new Decimal((this.units + half) / divisor, MAX_SCALE);
  }

  private rescaled(scale: number): bigint {
    return this.units * TEN ** BigInt(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) + other.rescaled(scale), scale);
  }

  sub(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) - other.rescaled(scale), scale);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale).limited();
  }

  /** To 28 fractional digits, trailing zeros dropped (10/4 is 2.5, 1/3 is 0.3333333333333333333333333333). */
  div(other: Decimal): Decimal {
    const numerator = this.units * TEN ** BigInt(other.scale + MAX_SCALE);
    const denominator = other.units * TEN ** BigInt(this.scale);
    let units = numerator / denominator;
    let scale = MAX_SCALE;
    while (scale > 0 && units % TEN === 0n) {
      units /= TEN;
      scale--;
    }
    return new Decimal(units, scale);
  }

  /** The remainder takes the dividend's sign, as in .NET. */
  mod(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescaled(scale) % other.rescaled(scale), scale);
  }

  compare(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescaled(scale);
    const b = other.rescaled(scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, "0");
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = this.scale > 0 ? `.${digits.slice(digits.length - this.scale)}` : "";
    return `${negative ? "-" : ""}${whole}${fraction}`;
  }

  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): number {
    return this.toNumber();
  }
}

/** `1e-7` → `0.0000001`, `1.5e21` → `1500000000000000000000`: Decimal.parse reads no exponent. */
function expandExponent(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const digits = m[2] + (m[3] ?? "");
  const point = m[2].length + Number(m[4]);
  if (point <= 0) return `${m[1]}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${m[1]}${digits}${"0".repeat(point - digits.length)}`;
  return `${m[1]}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export type WdlNumber = number | WholeFloat | Decimal;

export function isWdlNumber(value: unknown): value is WdlNumber {
  return (typeof value === "number" && Number.isFinite(value)) || value instanceof WholeFloat || value instanceof Decimal;
}

export function isFloat(value: WdlNumber): boolean {
  return value instanceof WholeFloat || (typeof value === "number" && !Number.isInteger(value));
}

/** A plain integer: what functions taking an index, a count or an interval accept. */
export function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

export function toJsNumber(value: WdlNumber): number {
  return value instanceof WholeFloat ? value.value : value instanceof Decimal ? value.toNumber() : value;
}

/** A float result: whole values are wrapped so they keep counting as floats. */
export function float(n: number): number | WholeFloat {
  return Number.isInteger(n) ? new WholeFloat(n) : n;
}

export function compareNumbers(a: WdlNumber, b: WdlNumber): number {
  if (a instanceof Decimal || b instanceof Decimal) return Decimal.from(a).compare(Decimal.from(b));
  return Math.sign(toJsNumber(a) - toJsNumber(b));
}

export type Operator = "add" | "sub" | "mul" | "div" | "mod";

/**
 * Integer op integer stays an integer (div truncates toward zero, as C#); a float on either side makes a
 * float; a decimal on either side makes a decimal. Integers beyond 2^53 lose precision here, where the
 * runtime's 64-bit integers would not: accepted, workflows rarely count that high (ticks() is the exception).
 * The caller rejects a zero divisor and a non-finite result.
 */
export function arithmetic(op: Operator, a: WdlNumber, b: WdlNumber): WdlNumber {
  if (a instanceof Decimal || b instanceof Decimal) return Decimal.from(a)[op](Decimal.from(b));
  const x = toJsNumber(a);
  const y = toJsNumber(b);
  const floating = isFloat(a) || isFloat(b);
  let result: number;
  switch (op) {
    case "add":
      result = x + y;
      break;
    case "sub":
      result = x - y;
      break;
    case "mul":
      result = x * y;
      break;
    case "div":
      result = floating ? x / y : Math.trunc(x / y);
      break;
    case "mod":
      result = x % y;
      break;
  }
  return floating ? float(result) : result;
}

export function isZero(value: WdlNumber): boolean {
  return value instanceof Decimal ? value.isZero() : toJsNumber(value) === 0;
}
