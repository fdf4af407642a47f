// How big a rule may be. Checked without recursion, before the schema (whose condition and action types are
// recursive) or anything after it (compile, evaluate, explain, the admin builder) walks the tree: a rule nested
// thousands of levels deep is refused with a 400, not a stack overflow.

export const RULE_LIMITS = {
  /** Levels of `all` / `any` / `not` in one condition tree, the leaf included: `{ not: leaf }` is 2. */
  maxConditionDepth: 32,
  /** Condition nodes (groups and leaves) in the whole rule: its conditions and every branch's `when`. */
  maxConditionNodes: 1000,
  /** Nesting of objects and arrays anywhere in the definition (actions in delays, params, data). */
  maxJsonDepth: 100,
} as const

export type LimitIssue = { path: (string | number)[]; message: string }

type Frame = { value: unknown; depth: number }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** The first limit a definition breaks, if any, with the path of the field (a condition tree's root). */
export function ruleLimitIssue(definition: unknown): LimitIssue | null {
  if (!isObject(definition)) return null
  const trees: { path: (string | number)[]; root: unknown }[] = []
  if ("conditions" in definition) trees.push({ path: ["conditions"], root: definition.conditions })
  if (Array.isArray(definition.branches)) {
    definition.branches.forEach((b, i) => {
      if (isObject(b) && "when" in b) trees.push({ path: ["branches", i, "when"], root: b.when })
    })
  }
  let nodes = 0
  for (const tree of trees) {
    const stack: Frame[] = [{ value: tree.root, depth: 1 }]
    while (stack.length) {
      const { value, depth } = stack.pop()!
      if (!isObject(value)) continue
      nodes += 1
      if (nodes > RULE_LIMITS.maxConditionNodes) {
        return { path: tree.path, message: `a rule may have at most ${RULE_LIMITS.maxConditionNodes} conditions (all/any/not groups and leaves)` }
      }
      const children = Array.isArray(value.all) ? value.all : Array.isArray(value.any) ? value.any : "not" in value ? [value.not] : []
      if (children.length && depth >= RULE_LIMITS.maxConditionDepth) {
        return { path: tree.path, message: `conditions may nest at most ${RULE_LIMITS.maxConditionDepth} levels deep (all/any/not)` }
      }
      for (const child of children) stack.push({ value: child, depth: depth + 1 })
    }
  }
  return jsonDepthIssue(definition)
}

function jsonDepthIssue(definition: unknown): LimitIssue | null {
  const stack: (Frame & { path: (string | number)[] })[] = [{ value: definition, depth: 0, path: [] }]
  while (stack.length) {
    const { value, depth, path } = stack.pop()!
    if (typeof value !== "object" || value === null) continue
    if (depth >= RULE_LIMITS.maxJsonDepth) {
      return { path: path.slice(0, 2), message: `a rule definition may nest objects and arrays at most ${RULE_LIMITS.maxJsonDepth} levels deep` }
    }
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
    for (const [key, child] of entries) stack.push({ value: child, depth: depth + 1, path: depth < 2 ? [...path, key] : path })
  }
  return null
}
