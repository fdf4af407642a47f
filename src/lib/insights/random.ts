// A seeded pseudo-random generator and the few distributions the insights need. Same seed, same numbers: bandit
// allocations, generated histories and bootstrap figures are reproducible.
import { createHash } from "node:crypto"

export type Random = {
  /** Uniform in [0, 1). */
  next: () => number
  normal: () => number
  /** Gamma(shape, scale = 1/rate) — Marsaglia and Tsang. */
  gamma: (shape: number, scale?: number) => number
  beta: (a: number, b: number) => number
  poisson: (mean: number) => number
  exponential: (rate: number) => number
  /** An integer in [0, n). */
  int: (n: number) => number
  pick: <T>(items: readonly T[]) => T
}

/** 128 bits of state from a string seed (SHA-256), so any text (a rule id, "test-7") is a seed. */
function seedState(seed: string | number): [number, number, number, number] {
  const digest = createHash("sha256").update(String(seed)).digest()
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)]
}

/** sfc32: small, fast, passes PractRand to 2^40 bytes; plenty for simulations and sampling. */
export function createRandom(seed: string | number): Random {
  let [a, b, c, d] = seedState(seed)
  const next = () => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  let spare: number | null = null
  const normal = () => {
    if (spare !== null) {
      const s = spare
      spare = null
      return s
    }
    let u = 0
    let v = 0
    let s = 0
    do {
      u = next() * 2 - 1
      v = next() * 2 - 1
      s = u * u + v * v
    } while (s >= 1 || s === 0)
    const m = Math.sqrt((-2 * Math.log(s)) / s)
    spare = v * m
    return u * m
  }
  const gamma = (shape: number, scale = 1): number => {
    if (!(shape > 0)) throw new Error(`gamma shape must be positive, got ${shape}`)
    if (shape < 1) return gamma(shape + 1, scale) * Math.pow(next() || Number.MIN_VALUE, 1 / shape)
    const dd = shape - 1 / 3
    const cc = 1 / Math.sqrt(9 * dd)
    for (;;) {
      let x = 0
      let v = 0
      do {
        x = normal()
        v = 1 + cc * x
      } while (v <= 0)
      v = v * v * v
      const u = next()
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u || Number.MIN_VALUE) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v * scale
    }
  }
  const beta = (x: number, y: number) => {
    const g1 = gamma(x)
    const g2 = gamma(y)
    return g1 / (g1 + g2)
  }
  const poisson = (mean: number) => {
    if (mean <= 0) return 0
    if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()))
    const limit = Math.exp(-mean)
    let k = 0
    let p = next()
    while (p > limit) {
      k += 1
      p *= next()
    }
    return k
  }
  const exponential = (rate: number) => -Math.log(1 - next()) / rate
  const int = (n: number) => Math.floor(next() * n)
  return { next, normal, gamma, beta, poisson, exponential, int, pick: (items) => items[int(items.length)] }
}
