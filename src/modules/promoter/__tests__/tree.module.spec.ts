// The sponsor tree as a module, on its own PostgreSQL schema (Medusa's module test runner): concurrent sponsor moves
// under the tree lock never make a cycle, whatever order they land in.
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { MODULE_TEST_OPTIONS } from "../../../../integration-tests/helpers/plugin-options"
import { PROMOTER_MODULE } from ".."
import type PromoterModuleService from "../service"

jest.setTimeout(180_000)

/** The ids on a promoter's way up the tree; throws on a cycle. */
function pathUp(sponsors: Map<string, string | null>, id: string): string[] {
  const seen: string[] = []
  for (let at: string | null = id; at; at = sponsors.get(at) ?? null) {
    if (seen.includes(at)) throw new Error(`cycle: ${[...seen, at].join(" → ")}`)
    seen.push(at)
  }
  return seen
}

moduleIntegrationTestRunner<PromoterModuleService>({
  moduleName: PROMOTER_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleOptions: MODULE_TEST_OPTIONS,
  testSuite: ({ service }) => {
    let run = 0
    const makeTree = async (size: number) => {
      run += 1
      const made = await service.createPromoters(
        Array.from({ length: size }, (_, i) => ({ name: `P${i}`, email: `p${run}-${i}@example.com`, referral_code: `R${run}X${i}`, status: "active" as const }))
      )
      return made.map((p) => p.id)
    }
    const sponsorsOf = async (ids: string[]) =>
      new Map((await service.listPromoters({ id: ids }, { select: ["id", "sponsor_id"] })).map((p) => [p.id, p.sponsor_id ?? null]))

    it("two opposite moves at once (A under B, B under A): one wins, the other is refused, and there is no cycle", async () => {
      const [a, b] = await makeTree(2)
      const results = await Promise.allSettled([service.moveSponsor({ promoterId: a, sponsorId: b }), service.moveSponsor({ promoterId: b, sponsorId: a })])
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1)
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult
      expect(refused.reason.message).toMatch(/downline|cycle/i)
      const sponsors = await sponsorsOf([a, b])
      pathUp(sponsors, a)
      pathUp(sponsors, b)
    })

    it("any batch of concurrent moves among six promoters leaves a tree (fast-check, against the real lock)", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(5), fc.option(fc.nat(5), { nil: null })), { minLength: 2, maxLength: 12 }),
          async (moves) => {
            const ids = await makeTree(6)
            await Promise.allSettled(moves.map(([p, s]) => service.moveSponsor({ promoterId: ids[p], sponsorId: s === null ? null : ids[s] })))
            const sponsors = await sponsorsOf(ids)
            for (const id of ids) pathUp(sponsors, id)
            // Self-sponsorship is always refused.
            for (const id of ids) expect(sponsors.get(id)).not.toBe(id)
          }
        ),
        { numRuns: 25, seed: Number(process.env.TREE_SEED ?? 7) }
      )
    })
  },
})
