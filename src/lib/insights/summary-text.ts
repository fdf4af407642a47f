// The periodic summary in words. A store can plug in its own writer (for example a language model that phrases the
// figures); the default is deterministic text built from the figures alone, and it is what the tests read.

export type SummaryFigures = {
  period: { from: string; to: string }
  currency_code: string
  rules: {
    id: string
    name: string
    fired: number
    acted: number
    held_out: number
    responded: number
    revenue: string
    cost: string
    verdict: string
    response_uplift: { estimate: number; low: number; high: number } | null
    net_return: string | null
  }[]
  totals: { acted: number; held_out: number; responded: number; revenue: string; cost: string }
  promoters_close: { promoter_id: string; name: string; goal: string; current: string; target: string; p_next_goal: number | null; forecast: string | null }[]
  suggestions: { kind: string; message: string }[]
  model: { fitted_at: string; customers: number; brier_30d: number | null; baseline_brier_30d: number | null } | null
}

export type SummaryWriter = { name: string; write: (figures: SummaryFigures) => string | Promise<string> }

const pp = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} pp`

export const deterministicWriter: SummaryWriter = {
  name: "deterministic",
  write: (f) => {
    const cur = f.currency_code.toUpperCase()
    const lines: string[] = [`Automation summary ${f.period.from.slice(0, 10)} – ${f.period.to.slice(0, 10)}`]
    lines.push(
      `Rules acted on ${f.totals.acted} subjects (${f.totals.held_out} held out as control groups); ${f.totals.responded} responded, ` +
        `bringing ${f.totals.revenue} ${cur} in their outcome windows at a cost of ${f.totals.cost} ${cur}.`
    )
    if (!f.rules.length) lines.push("No rule fired in this period.")
    for (const r of f.rules) {
      const control =
        r.verdict === "not_enough_data"
          ? "not enough data yet to compare with its control group"
          : r.response_uplift
            ? `${r.verdict.replace(/_/g, " ")} against its control group (${pp(r.response_uplift.estimate)}, 95 % CI ${pp(r.response_uplift.low)} to ${pp(r.response_uplift.high)})${r.net_return !== null ? `, net return ${r.net_return} ${cur}` : ""}`
            : "no control group"
      lines.push(`- ${r.name}: fired ${r.fired}, acted ${r.acted}, ${r.responded} responded, revenue ${r.revenue} ${cur}, cost ${r.cost} ${cur}; ${control}.`)
    }
    if (f.promoters_close.length) {
      lines.push("Promoters close to a goal or tier:")
      for (const p of f.promoters_close) {
        lines.push(`- ${p.name}: ${p.current} of ${p.target} (${p.goal})${p.p_next_goal !== null ? `, ${Math.round(p.p_next_goal * 100)} % likely by period end` : ""}${p.forecast ? `, month forecast ${p.forecast}` : ""}.`)
      }
    }
    if (f.suggestions.length) {
      lines.push("Suggestions:")
      for (const s of f.suggestions) lines.push(`- ${s.message}`)
    } else lines.push("No suggestions: nothing in the measurements calls for a change.")
    if (f.model) {
      lines.push(
        `Purchase model fitted ${f.model.fitted_at.slice(0, 10)} on ${f.model.customers} customers` +
          (f.model.brier_30d !== null && f.model.baseline_brier_30d !== null
            ? `; 30-day Brier score ${f.model.brier_30d.toFixed(3)} against ${f.model.baseline_brier_30d.toFixed(3)} for the naive baseline.`
            : ".")
      )
    }
    return lines.join("\n")
  },
}

let writer: SummaryWriter = deterministicWriter

/** Plugs in another writer (e.g. one that asks a language model to phrase the figures). */
export function registerSummaryWriter(next: SummaryWriter | null): void {
  writer = next ?? deterministicWriter
}

/** The text of a summary: the registered writer's, or the deterministic one's if that writer fails. */
export async function writeSummary(figures: SummaryFigures): Promise<{ text: string; writer: string; error?: string }> {
  if (writer === deterministicWriter) return { text: await deterministicWriter.write(figures), writer: deterministicWriter.name }
  try {
    return { text: await writer.write(figures), writer: writer.name }
  } catch (error) {
    return { text: await deterministicWriter.write(figures), writer: deterministicWriter.name, error: (error as Error).message }
  }
}
