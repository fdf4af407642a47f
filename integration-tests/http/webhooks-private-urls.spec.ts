// With the default options (webhooks.allowPrivateUrls false) an endpoint may not point into the store's network.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { attempt } from "../helpers/http"
import { adminSession } from "../helpers/session"

jest.setTimeout(300 * 1000)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    it("refuses loopback, private and link-local URLs with a 400 and stores nothing", async () => {
      const admin = await adminSession(api, getContainer())
      for (const url of ["http://127.0.0.1:9000/hooks", "http://localhost/hooks", "http://169.254.169.254/latest", "http://10.0.0.8/", "http://[::1]/"]) {
        const res = await attempt(api.post("/admin/promoter-webhooks", { url, events: ["*"] }, admin))
        expect([url, res.status]).toEqual([url, 400])
        expect(res.data.message).toMatch(/private, loopback or link-local/)
      }
      const created = await api.post("/admin/promoter-webhooks", { url: "https://hooks.example.com/in", events: ["*"] }, admin)
      expect(created.status).toBe(201)
      // Changing an endpoint's URL is checked the same way.
      const moved = await attempt(api.post(`/admin/promoter-webhooks/${created.data.webhook_endpoint.id}`, { url: "http://192.168.0.2/" }, admin))
      expect(moved.status).toBe(400)
      const listed = (await api.get("/admin/promoter-webhooks", admin)).data.webhook_endpoints
      expect(listed.map((e: { url: string }) => e.url)).toEqual(["https://hooks.example.com/in"])
    })
  },
})
