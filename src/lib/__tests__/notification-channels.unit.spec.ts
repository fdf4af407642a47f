import { configuredNotificationChannels, missingChannelMessage, providerTemplate, requiredChannels } from "../../utils/notification-channels"

const local = (channels: string[]) => ({ resolve: "@medusajs/medusa/notification-local", id: "local", options: { channels } })
const notification = (options: Record<string, unknown>) => ({ modules: { notification: { resolve: "@medusajs/medusa/notification", options } } })

describe("configuredNotificationChannels (as Medusa's notification loader decides)", () => {
  it("reads the channels of every provider; Medusa's default set-up has feed only", () => {
    expect(configuredNotificationChannels(notification({ providers: [local(["feed"])] }))).toEqual(["feed"])
    expect(
      configuredNotificationChannels(
        notification({ providers: [local(["feed", "sms"]), { resolve: "@medusajs/medusa/notification-sendgrid", id: "sendgrid", options: { channels: ["email"] } }] })
      )!.sort()
    ).toEqual(["email", "feed", "sms"])
  })

  it("counts Medusa Cloud's e-mail provider only when no provider has email and its options are complete", () => {
    const cloud = { api_key: "k", endpoint: "https://e", environment_handle: "env" }
    expect(configuredNotificationChannels(notification({ providers: [local(["feed"])], cloud }))!.sort()).toEqual(["email", "feed"])
    expect(configuredNotificationChannels(notification({ providers: [local(["feed"])], cloud: { ...cloud, api_key: undefined } }))).toEqual(["feed"])
  })

  it("has no channel without the module, and cannot tell for a store's own notification module", () => {
    expect(configuredNotificationChannels({ modules: {} })).toEqual([])
    expect(configuredNotificationChannels({ modules: { notification: false } })).toEqual([])
    expect(configuredNotificationChannels({ modules: { notification: { resolve: "./src/modules/my-notifications", options: {} } } })).toBeNull()
  })
})

describe("what the plugin needs", () => {
  it("needs email for invitations, and the summary's channel only with recipients", () => {
    const insights = { currencyCode: "usd", outcomeWindowDays: 14, summaryPeriodDays: 7 }
    expect(requiredChannels({ insights: { ...insights, summaryRecipients: [], summaryChannel: "feed" } })).toEqual([
      { channel: "email", uses: [expect.stringContaining("invitations")] },
    ])
    expect(requiredChannels({ insights: { ...insights, summaryRecipients: ["o@example.com"], summaryChannel: "feed" } }).map((r) => r.channel)).toEqual(["email", "feed"])
    expect(requiredChannels({ insights: { ...insights, summaryRecipients: ["o@example.com"], summaryChannel: "email" } })[0].uses).toHaveLength(2)
  })

  it("says what is missing, what needs it and which provider to install", () => {
    const message = missingChannelMessage({ channel: "email", uses: ["promoter invitations"] })
    expect(message).toContain('no notification provider for the "email" channel, so promoter invitations cannot be sent')
    expect(message).toContain("@medusajs/medusa/notification-sendgrid")
    expect(message).toContain('@medusajs/medusa/notification-local with channels: ["email"]')
  })
})

describe("providerTemplate", () => {
  it("maps the plugin's template ids to the provider's, and leaves the others (and prototype names) as they are", () => {
    const options = { notificationTemplates: { "promoter-invitation": "d-123" } }
    expect(providerTemplate(options, "promoter-invitation")).toBe("d-123")
    expect(providerTemplate(options, "birthday")).toBe("birthday")
    expect(providerTemplate(options, "constructor")).toBe("constructor")
  })
})
