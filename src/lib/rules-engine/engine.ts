// An index from trigger to compiled rules, and the evaluation of one trigger for one subject.
import { NOT_MATCHED, type CompiledRule, type Evaluation, type FactRequest, type FactValues } from "./compile"
import { programFor } from "./program"

/** From this many rules on, the fast path evaluates a trigger's conditions as one flat program. */
const PROGRAM_FROM = 32

export type FactProvider = (requests: FactRequest[]) => Promise<FactValues>

export type RuleResult = {
  rule: CompiledRule
  evaluation?: Evaluation
  error?: string
  /** The full evaluation with traces (for results of the fast path). */
  explain?: () => Evaluation
}

export class RuleIndex {
  private readonly byTrigger = new Map<string, CompiledRule[]>()
  private readonly factsByTrigger = new Map<string, FactRequest[]>()
  /** Triggers whose list changed since it was last sorted. Lists handed out are never mutated afterwards. */
  private readonly unsorted = new Set<string>()

  constructor(rules: CompiledRule[] = []) {
    rules.forEach((r) => this.add(r))
  }

  add(rule: CompiledRule): void {
    const list = this.byTrigger.get(rule.triggerKey)
    // A new array, so that a list already handed out (and its compiled TriggerProgram) stays as it was.
    this.byTrigger.set(rule.triggerKey, this.unsorted.has(rule.triggerKey) && list ? (list.push(rule), list) : [...(list ?? []), rule])
    this.unsorted.add(rule.triggerKey)
    this.factsByTrigger.delete(rule.triggerKey)
  }

  remove(id: string): void {
    this.factsByTrigger.clear()
    for (const [key, list] of this.byTrigger) {
      const kept = list.filter((r) => r.id !== id)
      if (kept.length) this.byTrigger.set(key, kept)
      else this.byTrigger.delete(key)
    }
  }

  /** The rules of a trigger, highest priority first. */
  rulesFor(triggerKey: string): CompiledRule[] {
    const list = this.byTrigger.get(triggerKey)
    if (!list) return []
    if (this.unsorted.delete(triggerKey)) list.sort((a, b) => b.rule.priority - a.rule.priority)
    return list
  }

  /** The facts all rules of a trigger need, deduplicated once per index (not once per event). */
  factsFor(triggerKey: string): FactRequest[] {
    let facts = this.factsByTrigger.get(triggerKey)
    if (!facts) {
      facts = uniqueFacts(this.rulesFor(triggerKey))
      this.factsByTrigger.set(triggerKey, facts)
    }
    return facts
  }

  get size(): number {
    let n = 0
    for (const list of this.byTrigger.values()) n += list.length
    return n
  }
}

/**
 * Evaluates the rules of one trigger: the facts they need are fetched once (deduplicated across rules), then every
 * rule is evaluated on its own; a rule that throws is reported and never blocks the others.
 */
function uniqueFacts(rules: CompiledRule[]): FactRequest[] {
  const requests = new Map<string, FactRequest>()
  for (const r of rules) for (const f of r.facts) requests.set(f.key, f)
  return [...requests.values()]
}

export async function evaluateTrigger({
  rules,
  provideFacts,
  explain = true,
  facts: needed,
}: {
  rules: CompiledRule[]
  provideFacts: FactProvider
  /** false: traces only for the rules that match (what a store with thousands of rules wants per event). */
  explain?: boolean
  /** The facts these rules need, when known (RuleIndex.factsFor); computed otherwise. */
  facts?: FactRequest[]
}): Promise<RuleResult[]> {
  if (!rules.length) return []
  const requests = needed ?? uniqueFacts(rules)
  const facts = requests.length ? await provideFacts(requests) : new Map()
  // Many rules without traces: one pass over the flattened conditions; only the rules that hold are evaluated.
  const holding = !explain && rules.length >= PROGRAM_FROM ? programFor(rules).matching(facts) : null
  return rules.map((rule, i) => {
    if (holding && !holding[i]) return { rule, evaluation: NOT_MATCHED }
    try {
      const evaluation = rule.evaluate(facts, { explain })
      return explain || !evaluation.matched ? { rule, evaluation } : { rule, evaluation, explain: () => rule.evaluate(facts) }
    } catch (error) {
      return { rule, error: (error as Error).message }
    }
  })
}
