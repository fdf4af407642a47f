// Rule evaluation: the same generated rule sets and facts through our engine and through json-rules-engine.
import { createRequire } from "node:module"
import path from "node:path"
import { performance } from "node:perf_hooks"

const require = createRequire(import.meta.url)

function ruleDefinition(i) {
  return {
    schema_version: 1,
    name: `rule ${i}`,
    outcome: "sales",
    subject: "customer",
    trigger: { type: "event", event: "order.placed" },
    conditions: {
      all: [
        { fact: "customer.tenure_years", operator: "gte", value: i % 7 },
        { any: [{ fact: "customer.tags", operator: "contains", value: `tag${i % 13}` }, { fact: "customer.email", operator: "eq", value: `user${i % 17}@example.com` }] },
        { not: { fact: "customer.purchases.count", params: { window: { type: "lifetime" } }, operator: "lt", value: i % 5 } },
      ],
    },
    actions: [{ type: "set_tags", add: [`fired${i}`] }],
  }
}

function jreRule(i) {
  return {
    conditions: {
      all: [
        { fact: "tenure", operator: "greaterThanInclusive", value: i % 7 },
        { any: [{ fact: "tags", operator: "contains", value: `tag${i % 13}` }, { fact: "email", operator: "equal", value: `user${i % 17}@example.com` }] },
        { not: { fact: "count", operator: "lessThan", value: i % 5 } },
      ],
    },
    event: { type: `fired${i}` },
  }
}

async function timeAsync(fn, minMs = 300, minRuns = 5) {
  for (let i = 0; i < 2; i++) await fn()
  const samples = []
  const start = performance.now()
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
    if (samples.length > 2000) break
  }
  samples.sort((a, b) => a - b)
  return samples[Math.floor(samples.length / 2)]
}

export async function benchRules({ root, sizes }) {
  const engine = require(path.join(root, ".medusa/server/src/lib/rules-engine/index.js"))
  const { Engine } = require("json-rules-engine")
  const rows = []
  for (const n of sizes) {
    const compiled = Array.from({ length: n }, (_, i) => {
      const v = engine.validateRule(ruleDefinition(i))
      if (!v.ok) throw new Error(JSON.stringify(v.issues))
      return engine.compileRule({ id: `r${i}`, rule: v.rule })
    })
    const index = new engine.RuleIndex(compiled)
    const factValues = { tenure: 4, tags: ["tag3", "tag5"], email: "user3@example.com", count: 2 }
    const provide = async (requests) =>
      new Map(
        requests.map((r) => [
          r.key,
          r.name === "customer.tenure_years" ? factValues.tenure : r.name === "customer.tags" ? factValues.tags : r.name === "customer.email" ? factValues.email : factValues.count,
        ])
      )
    let fired = 0
    const ours = await timeAsync(async () => {
      const results = await engine.evaluateTrigger({ rules: index.rulesFor("event:order.placed"), facts: index.factsFor("event:order.placed"), provideFacts: provide, explain: false })
      fired = results.filter((r) => r.evaluation?.matched).length
    })
    const jre = new Engine([], { allowUndefinedFacts: true })
    for (let i = 0; i < n; i++) jre.addRule(jreRule(i))
    let jreFired = 0
    const theirs = await timeAsync(async () => {
      const { events } = await jre.run({ ...factValues })
      jreFired = events.length
    }, n >= 10000 ? 2000 : 500, n >= 10000 ? 3 : 5)
    if (fired !== jreFired) throw new Error(`engines disagree at ${n} rules: ${fired} vs ${jreFired}`)
    rows.push({ n, ours, theirs, fired })
  }
  return rows
}
