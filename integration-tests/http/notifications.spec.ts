// A store on Medusa's default notification set-up has no e-mail provider (the local provider, `feed` only). The
// plugin must say so when the store starts, answer what needs e-mail with a 503 that says what to configure and
// change nothing, and let automation record the failure and go on. The runner's store has the demo's e-mail
// provider; a second store process on the same database runs with PROMOTER_DEMO_NOTIFICATIONS=feed-only.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import axios, { type AxiosInstance } from "axios"
import path from "node:path"
import { attempt, eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { startStoreProcess, type StoreProcess } from "../helpers/store-process"

jest.setTimeout(300 * 1000)

// notificationTemplates: the provider's own template id for the invitation (SendGrid's are generated, d-…).
usePluginOptions({
  testing: { jobs: false },
  insights: { summaryRecipients: ["owner@example.com"] },
  notificationTemplates: { "promoter-invitation": "d-invitation-0001" },
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection, dbConfig }) => {
    let feedOnly: StoreProcess | null = null
    afterEach(async () => {
      if (feedOnly) await feedOnly.stop()
      feedOnly = null
    })

    const count = async (sql: string, params: unknown[] = []) => (await dbConnection.raw(sql, params)).rows[0].n as number
    const notificationsOf = (template: string) =>
      getContainer().resolve(Modules.NOTIFICATION).listNotifications({ template }, { take: 100 })

    it("without an e-mail provider: warns at start-up, answers 503 naming what to configure, changes nothing; automation records the failure", async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const welcome = (
        await api.post(
          "/admin/automation-rules",
          {
            status: "active",
            definition: {
              schema_version: 1,
              name: "Welcome",
              outcome: "loyalty",
              subject: "promoter",
              trigger: { type: "event", event: "promoter.enrolled" },
              actions: [{ type: "send_message", channel: "email", template: "promoter-welcome" }],
            },
          },
          admin
        )
      ).data.automation_rule

      feedOnly = await startStoreProcess({
        databaseUrl: dbConfig.clientUrl,
        env: { PROMOTER_DEMO_NOTIFICATIONS: "feed-only", LOG_LEVEL: "info" },
      })
      const other: AxiosInstance = axios.create({ baseURL: `http://localhost:${feedOnly.port}` })

      // The start-up warning names the channel, what needs it and how to configure it.
      // (`medusa start` logs JSON lines.)
      const logged = feedOnly
        .output()
        .split("\n")
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as { level: string; message: string }]
          } catch {
            return []
          }
        })
      const warning = logged.find((l) => l.level === "warn" && /no notification provider for the "email" channel/.test(l.message))
      expect(warning?.message).toContain("promoter invitations")
      expect(warning?.message).toContain("the automation insights summary")
      expect(warning?.message).toContain("@medusajs/medusa/notification-sendgrid")

      // A promoter enrols on the feed-only store: the welcome rule fires and records a clear failure.
      const casey = await customerSession(other, store, { email: "casey@example.com" })
      expect((await other.post("/store/promoters/me", { referral_code: "CASEY" }, casey)).status).toBe(201)
      const runs = await eventually(
        async () => (await api.get(`/admin/automation-rules/${welcome.id}/runs`, admin)).data.runs as { actions: { list: { status: string; error?: string }[] } }[],
        (r) => r.length > 0,
        15000
      )
      expect(runs).toHaveLength(1)
      expect(runs[0].actions.list).toEqual([
        expect.objectContaining({ type: "send_message", status: "failed", error: expect.stringMatching(/no notification provider for the "email" channel/) }),
      ])

      // The invitation: 503, says what to install, and nothing is used up or written.
      const refused = await attempt(other.post("/store/promoters/me/invitations", { email: "friend@example.com", name: "Friend" }, casey))
      expect(refused.status).toBe(503)
      expect(refused.data.message).toMatch(/no notification provider for the "email" channel/)
      expect(refused.data.message).toContain("@medusajs/medusa/notification-sendgrid")
      expect(refused.data.message).toContain("@medusajs/medusa/notification-local")

      // The summary with recipients: 503, and no summary is stored (so the next attempt, once configured, sends it).
      const summary = await attempt(other.post("/admin/automation/insights/summary", {}, admin))
      expect(summary.status).toBe(503)
      expect(summary.data.message).toMatch(/no notification provider for the "email" channel/)

      await feedOnly.stop()
      feedOnly = null
      // Each store writes its providers to notification_provider when it starts (the last one wins; two stores with
      // different notification set-ups on one database is this test's doing, not a real store's). Put the runner's back.
      await dbConnection.raw(`update notification_provider set channels = '{email,sms,feed,postal}', is_enabled = true where id = 'local'`)
      expect(await count("select count(*)::int as n from notification")).toBe(0)
      expect(await count("select count(*)::int as n from promoter_invitation_quota")).toBe(0)
      expect(await count("select count(*)::int as n from promoter_touch where source = 'invitation'")).toBe(0)
      expect(await count("select count(*)::int as n from promoter_insight_summary")).toBe(0)
      const stats = (await api.get("/store/promoters/me/stats", casey)).data.stats
      expect(stats.totals.invitations).toBe(0)

      // The same calls on the store with the local e-mail provider: sent, and the notification rows exist.
      const sent = await api.post("/store/promoters/me/invitations", { email: "friend@example.com", name: "Friend" }, casey)
      expect(sent.status).toBe(201)
      expect(await notificationsOf("promoter-invitation")).toEqual([])
      const invitations = await notificationsOf("d-invitation-0001")
      expect(invitations).toEqual([
        expect.objectContaining({ to: "friend@example.com", channel: "email", status: "success", data: expect.objectContaining({ promoter_code: "CASEY" }) }),
      ])
      expect(await count("select sum(sent)::int as n from promoter_invitation_quota")).toBe(1)
      const sentSummary = await api.post("/admin/automation/insights/summary", {}, admin)
      expect(sentSummary.data.summary.created).toBe(true)
      expect(await notificationsOf("promoter-automation-summary")).toEqual([
        expect.objectContaining({ to: "owner@example.com", channel: "email", status: "success" }),
      ])
    })

    it("a summary whose e-mail failed (the provider was down) is sent by the next run, once", async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const down = await startStoreProcess({ databaseUrl: dbConfig.clientUrl, env: { PROMOTER_DEMO_NOTIFICATIONS: "sendgrid-unreachable" } })
      feedOnly = down
      const other: AxiosInstance = axios.create({ baseURL: `http://localhost:${down.port}` })
      // Medusa's SendGrid provider cannot reach SendGrid from here: a real provider failure.
      const failed = await attempt(other.post("/admin/automation/insights/summary", {}, admin))
      expect(failed.status).toBe(502)
      expect(failed.data.type).toBe("notification_failed")
      expect(failed.data.message).toContain("owner@example.com")
      expect(await notificationsOf("promoter-automation-summary")).toEqual([expect.objectContaining({ to: "owner@example.com", status: "failure" })])
      await down.stop()
      feedOnly = null
      await dbConnection.raw(`update notification_provider set channels = '{email,sms,feed,postal}', is_enabled = true where id = 'local'`)
      await dbConnection.raw(`update notification_provider set is_enabled = false where id <> 'local'`)

      // The store's e-mail works again: the next run sends the stored summary to whoever did not get it.
      const retry = await attempt(api.post("/admin/automation/insights/summary", {}, admin))
      expect({ status: retry.status, data: retry.data }).toEqual({
        status: 200,
        data: { summary: expect.objectContaining({ created: false, notified: ["owner@example.com"] }) },
      })
      const sent = await notificationsOf("promoter-automation-summary")
      expect(sent.filter((n) => n.status === "success")).toEqual([expect.objectContaining({ to: "owner@example.com", channel: "email" })])
      // And only once: a third run sends nothing more.
      const again = (await api.post("/admin/automation/insights/summary", {}, admin)).data.summary
      expect(again).toEqual(expect.objectContaining({ created: false, notified: ["owner@example.com"] }))
      expect((await notificationsOf("promoter-automation-summary")).filter((n) => n.status === "success")).toHaveLength(1)
      expect(await count("select count(*)::int as n from promoter_insight_summary")).toBe(1)
    })
  },
})
