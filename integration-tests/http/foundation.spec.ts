import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fs from "node:fs"
import path from "node:path"
import { adminSession } from "../helpers/session"

jest.setTimeout(120 * 1000)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    describe("the plugin inside a real store", () => {
      it("migrates the promoter module's tables", async () => {
        const tables = await dbConnection.raw(
          "select table_name from information_schema.tables where table_name in ('promoter', 'promoter_tier', 'promoter_link') order by table_name"
        )
        expect(tables.rows.map((r: { table_name: string }) => r.table_name)).toEqual([
          "promoter",
          "promoter_link",
          "promoter_tier",
        ])
      })

      it("answers its admin route for a logged-in admin, and refuses anonymous callers", async () => {
        const admin = await adminSession(api, getContainer())
        const res = await api.get("/admin/promoters", admin)
        expect(res.status).toBe(200)
        expect(res.data).toEqual(expect.objectContaining({ promoters: [], count: 0 }))

        const anonymous = await api.get("/admin/promoters").catch((e: { response: unknown }) => e.response) as { status: number }
        expect(anonymous.status).toBe(401)
      })

      it("serves its OpenAPI document publicly, cacheable, the same as the openapi.json the package ships", async () => {
        const res = await api.get("/promoter/openapi.json")
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toMatch(/^application\/json/)
        expect(res.headers["cache-control"]).toBe("public, max-age=3600")
        const shipped = JSON.parse(fs.readFileSync(path.join(__dirname, "../../openapi.json"), "utf8"))
        expect(res.data).toEqual(shipped)
        expect(res.data.openapi).toBe("3.1.0")
        const again = await api.get("/promoter/openapi.json", { headers: { "if-none-match": res.headers.etag }, validateStatus: () => true })
        expect(again.status).toBe(304)
      })
    })
  },
})
