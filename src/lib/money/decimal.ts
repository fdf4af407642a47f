// Exact decimal arithmetic on strings (money never goes through floats). One rounding rule: half away from zero.

function parts(v: string | number): { int: bigint; scale: number } {
  const s = typeof v === "number" ? numberToString(v) : v.trim()
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new Error(`not a decimal: ${s}`)
  const negative = s.startsWith("-")
  const [i, f = ""] = (negative ? s.slice(1) : s).split(".")
  const int = BigInt(i + f) * (negative ? -1n : 1n)
  return { int, scale: f.length }
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`)
  const s = String(n)
  if (!/e/i.test(s)) return s
  return n.toFixed(20).replace(/\.?0+$/, "")
}

function align(a: string | number, b: string | number) {
  const x = parts(a)
  const y = parts(b)
  const scale = Math.max(x.scale, y.scale)
  return { a: x.int * 10n ** BigInt(scale - x.scale), b: y.int * 10n ** BigInt(scale - y.scale), scale }
}

function toString(int: bigint, scale: number): string {
  const negative = int < 0n
  let s = (negative ? -int : int).toString().padStart(scale + 1, "0")
  if (scale) s = `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, "")
  return `${negative && s !== "0" ? "-" : ""}${s}`
}

/** The one rounding: n / d (d > 0) to an integer, half away from zero. */
function divideRounded(n: bigint, d: bigint): bigint {
  const q = n / d
  const r = n % d
  return 2n * (r < 0n ? -r : r) >= d ? q + (n < 0n ? -1n : 1n) : q
}

export function compareDecimal(a: string | number, b: string | number): -1 | 0 | 1 {
  const { a: x, b: y } = align(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function addDecimal(a: string | number, b: string | number): string {
  const { a: x, b: y, scale } = align(a, b)
  return toString(x + y, scale)
}

/** a × factor, rounded half away from zero to `digits` decimals. */
export function multiplyDecimal(a: string | number, factor: number, digits = 2): string {
  const x = parts(a)
  const f = parts(factor)
  const product = x.int * f.int
  const scale = x.scale + f.scale
  if (scale <= digits) return toString(product * 10n ** BigInt(digits - scale), digits)
  return toString(divideRounded(product, 10n ** BigInt(scale - digits)), digits)
}

/** a × b / c, rounded half away from zero to `digits` decimals (exact: one rounding at the end). */
export function mulDivDecimal({ a, b, c, digits }: { a: string | number; b: string | number; c: string | number; digits: number }): string {
  const x = parts(a)
  const y = parts(b)
  const z = parts(c)
  if (z.int === 0n) throw new Error("division by zero")
  // x·y / z at `digits` decimals: (x.int·y.int·10^(digits + z.scale)) / (z.int·10^(x.scale + y.scale)).
  let numerator = x.int * y.int * 10n ** BigInt(digits + z.scale)
  let denominator = z.int * 10n ** BigInt(x.scale + y.scale)
  if (denominator < 0n) {
    numerator = -numerator
    denominator = -denominator
  }
  return toString(divideRounded(numerator, denominator), digits)
}

export function subtractDecimal(a: string | number, b: string | number): string {
  const { a: x, b: y, scale } = align(a, b)
  return toString(x - y, scale)
}

export function maxDecimal(a: string, b: string): string {
  return compareDecimal(a, b) >= 0 ? a : b
}
