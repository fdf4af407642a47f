// Touches are written off the response path (batched). A clean shutdown must still write every one of them.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { adminSession } from "../helpers/session"
import { startStoreProcess } from "../helpers/store-process"

jest.setTimeout(240 * 1000)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection, dbConfig }) => {
    it("writes every queued touch when the store stops with SIGTERM", async () => {
      const admin = await adminSession(api, getContainer())
      await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)

      const store = await startStoreProcess({ databaseUrl: dbConfig.clientUrl })
      const clicks = 40
      const responses = await Promise.all(
        Array.from({ length: clicks }, (_, i) =>
          fetch(`http://localhost:${store.port}/r/JANE?utm_source=s${i}`, {
            redirect: "manual",
            headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" },
          })
        )
      )
      expect(responses.every((r) => r.status === 302)).toBe(true)
      const code = await store.stop("SIGTERM")
      expect(code).toBe(0)

      const { rows } = await dbConnection.raw("select count(*)::int as n from promoter_touch where code = 'JANE'")
      expect(rows[0].n).toBe(clicks)
      const stat = await dbConnection.raw("select sum(clicks)::int as n from promoter_daily_stat")
      expect(stat.rows[0].n).toBe(clicks)
    })
  },
})
