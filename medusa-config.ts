// The development / demo store. It loads this repository's plugin exactly as a store owner's store does:
// by package name, from the built package (`npm run build` → .medusa/server). The store itself runs from
// `demo/` (see README, "Why the store runs from demo/").
import { defineConfig, loadEnv, Modules } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const redisUrl = process.env.REDIS_URL
const workerMode = (process.env.MEDUSA_WORKER_MODE ?? "shared") as "shared" | "worker" | "server"
const storefrontUrl = process.env.STOREFRONT_URL ?? "http://localhost:8000"
const backendUrl = process.env.MEDUSA_BACKEND_URL ?? `http://localhost:${process.env.PORT ?? 9000}`
// PROMOTER_DEMO_NOTIFICATIONS=feed-only gives the store Medusa's default notification set-up (the local provider on
// the `feed` channel only, no e-mail): how the plugin behaves in a store that has not configured e-mail yet.
// PROMOTER_DEMO_NOTIFICATIONS=sendgrid-unreachable sends e-mail through Medusa's SendGrid provider, which cannot reach
// SendGrid from here: how the plugin behaves while the store's e-mail provider is down.
const demoNotifications = process.env.PROMOTER_DEMO_NOTIFICATIONS
const notificationChannels =
  demoNotifications === "feed-only" ? ["feed"] : demoNotifications === "sendgrid-unreachable" ? ["sms", "feed", "postal"] : ["email", "sms", "feed", "postal"]
const sendgrid =
  demoNotifications === "sendgrid-unreachable"
    ? [
        {
          resolve: "@medusajs/medusa/notification-sendgrid",
          id: "sendgrid",
          options: { channels: ["email"], api_key: "SG.unreachable", from: "shop@example.com" },
        },
      ]
    : []

// Without REDIS_URL the store keeps Medusa's in-memory event bus, cache, locking and workflow engine (one process).
// With it, every process of the store shares these through Redis: that is how a store runs several server and
// worker processes on one PostgreSQL.
const redisModules = redisUrl
  ? [
      { key: Modules.EVENT_BUS, resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl } },
      { key: Modules.CACHE, resolve: "@medusajs/medusa/cache-redis", options: { redisUrl } },
      {
        key: Modules.WORKFLOW_ENGINE,
        resolve: "@medusajs/medusa/workflow-engine-redis",
        options: { redis: { redisUrl } },
      },
      {
        key: Modules.LOCKING,
        resolve: "@medusajs/medusa/locking",
        options: {
          providers: [
            {
              resolve: "@medusajs/medusa/locking-redis",
              id: "locking-redis",
              is_default: true,
              options: { redisUrl },
            },
          ],
        },
      },
    ]
  : []

export default defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl,
    workerMode,
    http: {
      storeCors: process.env.STORE_CORS ?? `${storefrontUrl},${backendUrl}`,
      adminCors: process.env.ADMIN_CORS ?? backendUrl,
      authCors: process.env.AUTH_CORS ?? `${storefrontUrl},${backendUrl}`,
      jwtSecret: process.env.JWT_SECRET ?? "demo-jwt-secret-change-me",
      cookieSecret: process.env.COOKIE_SECRET ?? "demo-cookie-secret-change-me",
    },
    // `medusa start` runs with NODE_ENV=production, whose admin session cookie is Secure-only; the demo serves
    // plain http://localhost, so the cookie may travel without TLS there. Behind https this stays Secure.
    cookieOptions: backendUrl.startsWith("http://") ? { secure: false } : undefined,
  },
  admin: {
    disable: process.env.MEDUSA_ADMIN_DISABLED === "true" || workerMode === "worker",
    // "/" = the server that serves the dashboard (any port); set it when the admin is hosted elsewhere.
    backendUrl: process.env.MEDUSA_ADMIN_BACKEND_URL ?? "/",
  },
  plugins: [
    {
      resolve: "medusa-plugin-promoter",
      options: {
        storefrontUrl,
        // Extra hosts a short link may send to (e.g. a second storefront). Paths only ever stay on these hosts.
        allowedStorefrontHosts: [],
        // Public base URL of this server, used to print short links and encode QR codes.
        publicUrl: backendUrl,
        // HMAC secret for the visitor cookie set by short links (32+ characters).
        cookieSecret: process.env.PROMOTER_COOKIE_SECRET ?? "demo-promoter-cookie-secret-change-me-0123456789",
        // Salt for hashing visitors' IP addresses (the raw IP is never stored).
        ipHashSalt: process.env.PROMOTER_IP_SALT ?? "demo-ip-salt-change-me",
        attributionWindowDays: 30,
        attributionModel: "last_touch",
        precedence: ["coupon", "cart_referral", "customer_binding", "touch"],
        customerBindingMonths: null,
        selfReferral: "flag",
        unknownCodeRedirectPath: "/",
        defaultCoupon: { enabled: true, type: "percentage", value: 10 },
        storeTimezone: "UTC",
        // A fact of the store's own: rules may use it like the built-in ones (README, "Facts of your own").
        facts: [
          {
            name: "customer.email_domain",
            type: "string",
            subject: "customer",
            description: "The domain of the customer's e-mail address, e.g. example.com",
            resolve: async ({ subject, container }: { subject: { id: string }; container: unknown }) => {
              type Customers = { retrieveCustomer: (id: string) => Promise<{ email: string | null }> }
              const customers = (container as { resolve: (key: string) => Customers }).resolve(Modules.CUSTOMER)
              const { email } = await customers.retrieveCustomer(subject.id)
              return email?.split("@")[1]?.toLowerCase() ?? null
            },
          },
        ],
        ...(process.env.PROMOTER_OPTIONS_JSON ? JSON.parse(process.env.PROMOTER_OPTIONS_JSON) : {}),
      },
    },
    // Medusa's gift cards and store credit: the store_credit payout provider credits promoters through it.
    { resolve: "@medusajs/loyalty-plugin", options: {} },
  ],
  modules: [
    ...redisModules,
    {
      key: Modules.NOTIFICATION,
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            // Records every notification (a row in the notification table) and logs it; swap for a real
            // e-mail / SMS provider in production.
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: notificationChannels },
          },
          ...sendgrid,
        ],
      },
    },
  ],
})
