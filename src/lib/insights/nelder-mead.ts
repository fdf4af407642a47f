// Nelder–Mead simplex minimisation: derivative-free, robust enough for a four-parameter likelihood.

export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  { step = 0.5, maxIterations = 2000, tolerance = 1e-9 }: { step?: number; maxIterations?: number; tolerance?: number } = {}
): { x: number[]; value: number; iterations: number } {
  const n = start.length
  const value = (x: number[]) => {
    const v = f(x)
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY
  }
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, v: value(x) }))
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    simplex.sort((a, b) => a.v - b.v)
    const best = simplex[0]
    const worst = simplex[n]
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break
    const centroid = new Array<number>(n).fill(0)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c))
    const r = { x: along(-1), v: 0 }
    r.v = value(r.x)
    if (r.v < best.v) {
      const e = { x: along(-2), v: 0 }
      e.v = value(e.x)
      simplex[n] = e.v < r.v ? e : r
    } else if (r.v < simplex[n - 1].v) {
      simplex[n] = r
    } else {
      const c = r.v < worst.v ? { x: along(-0.5), v: 0 } : { x: along(0.5), v: 0 }
      c.v = value(c.x)
      if (c.v < Math.min(worst.v, r.v)) simplex[n] = c
      else {
        simplex = simplex.map((p, i) => (i === 0 ? p : { x: p.x.map((v, j) => best.x[j] + 0.5 * (v - best.x[j])), v: 0 }))
        for (let i = 1; i <= n; i++) simplex[i].v = value(simplex[i].x)
      }
    }
  }
  simplex.sort((a, b) => a.v - b.v)
  return { x: simplex[0].x, value: simplex[0].v, iterations }
}
