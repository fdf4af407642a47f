// Property-based bad input: arbitrary bodies and queries on public and admin endpoints get a 4xx with a message,
// never a 500, and a refused request writes nothing.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { attempt } from "../helpers/http"
import { adminSession, storeSession, type Headers } from "../helpers/session"

jest.setTimeout(300 * 1000)

const anyJson = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("name", "email", "code", "channel", "type", "value", "definition", "sponsor_code", "referral_code", "visitor_id", "status", "slug", "destination"), fc.jsonValue()))

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("answers arbitrary input with a 4xx or success, never a 500, and refused writes leave no rows", async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const counts = async () =>
        (await dbConnection.raw(
          "select (select count(*) from promoter)::int as p, (select count(*) from automation_rule)::int as r, (select count(*) from promoter_link)::int as l"
        )).rows[0]
      const endpoints: { method: "post" | "get"; url: string; headers: Headers }[] = [
        { method: "post", url: "/admin/promoters", headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}`, headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}/links`, headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}/coupons`, headers: admin },
        { method: "post", url: "/admin/automation-rules", headers: admin },
        { method: "post", url: "/admin/automation-rules/simulate", headers: admin },
        { method: "post", url: "/admin/promoter-tiers", headers: admin },
        { method: "post", url: "/admin/payouts", headers: admin },
        { method: "post", url: "/store/referrals/touches", headers: store },
      ]
      let refused = 0
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...endpoints), anyJson, async (endpoint, body) => {
          const before = await counts()
          const res = await attempt(
            api.post(endpoint.url, JSON.stringify(body), { headers: { ...endpoint.headers.headers, "content-type": "application/json" } })
          )
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) {
            refused += 1
            expect(typeof res.data?.message).toBe("string")
            expect(await counts()).toEqual(before)
          }
        }),
        { numRuns: 120 }
      )
      expect(refused).toBeGreaterThan(50)

      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), async (code, slug, size) => {
          const q = `size=${encodeURIComponent(size)}&next=${encodeURIComponent(slug)}`
          for (const url of [`/r/${encodeURIComponent(code) || "x"}?${q}`, `/r/JANE/${encodeURIComponent(slug) || "x"}?${q}`, `/r/JANE/qr?${q}`]) {
            const res = await attempt(api.get(url, { maxRedirects: 0, validateStatus: () => true }))
            expect(res.status).toBeLessThan(500)
            if (res.status === 302) expect(new URL(res.headers.location).host).toBe("localhost:8000")
          }
        }),
        { numRuns: 60 }
      )
    })
  },
})
