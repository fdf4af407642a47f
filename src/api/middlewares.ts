import { authenticate, defineMiddlewares } from "@medusajs/framework/http"
import {
  AdminCreatePromoter,
  AdminListPromoters,
  AdminUpdatePromoter,
  CreatePromoterCoupon,
  CreatePromoterTier,
  DownlineQuery,
  QrQuery,
  SavePromoterLink,
  CreatePayout,
  CreateTouchKey,
  ListPayouts,
  RunQualification,
  ListAutomationRules,
  ListBalances,
  ListCommissions,
  ListRiskAssessments,
  DecideRiskAssessment,
  DecideRiskAssessments,
  ReconcileLedger,
  MarkPayoutPaid,
  SetPayoutMethod,
  ExportPayout,
  ListPayoutRequests,
  StatementQuery,
  StoreRequestPayout,
  UpdateCommissionPlan,
  ListRuns,
  InsightsRange,
  EmptyBody,
  SaveAutomationRule,
  SetClock,
  SimulateRule,
  StatsQuery,
  StoreEnrolPromoter,
  StoreNoQuery,
  StoreRecordTouch,
  StoreSendInvitation,
  StoreSetReferralCode,
  UpdatePromoterTier,
  ValidateRuleBody,
  CreateWebhookEndpoint,
  ListWebhookDeliveries,
  UpdateWebhookEndpoint,
} from "./validators"
import { bindAtSignup, captureCartReferral, rememberVisitorMiddleware } from "./utils/cart-referral"
import { rateLimit } from "./utils/rate-limit"
import { refuseUnstorableText } from "./utils/refuse-unstorable-text"
import { validateBody, validateQuery } from "./utils/validate"

const customer = authenticate("customer", ["session", "bearer"])
const optionalCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

/**
 * Every route of the plugin except the short links (those treat such text like any unknown code, in the handler). The
 * pattern matches whole paths: Express skips a `use` middleware whose match ends inside a path segment.
 */
const PLUGIN_ROUTES = new RegExp(
  "^/(?:admin/(?:promoters|promoter-tiers|automation|automation-rules|tier-qualification|commissions|commission-plan|" +
    "commission-balances|payouts|promoter-touch-keys|promoter-risk|promoter-webhooks|promoter-webhook-deliveries|customers/[^/]+/(?:promoter|predictions)|orders/[^/]+/promoter-attribution)" +
    "|store/(?:promoters|referrals)|promoter)(?:/.*)?$",
  "i" // as Express routes: /ADMIN/PROMOTERS reaches the same handler
)

export default defineMiddlewares({
  routes: [
    { matcher: PLUGIN_ROUTES, middlewares: [refuseUnstorableText] },
    {
      matcher: "/admin/promoters",
      methods: ["GET"],
      middlewares: [validateQuery(AdminListPromoters, { defaults: ["id"], isList: true })],
    },
    { matcher: "/admin/promoters", methods: ["POST"], middlewares: [validateBody(AdminCreatePromoter)] },
    { matcher: "/admin/promoters/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdatePromoter)] },
    {
      matcher: "/admin/promoters/:id/downline",
      methods: ["GET"],
      middlewares: [validateQuery(DownlineQuery, {})],
    },
    { matcher: "/admin/promoters/:id/links", methods: ["POST"], middlewares: [validateBody(SavePromoterLink)] },
    {
      matcher: "/admin/promoters/:id/coupons",
      methods: ["POST"],
      middlewares: [validateBody(CreatePromoterCoupon)],
    },
    { matcher: "/admin/promoter-tiers", methods: ["POST"], middlewares: [validateBody(CreatePromoterTier)] },
    {
      matcher: "/admin/promoter-tiers/:id",
      methods: ["POST"],
      middlewares: [validateBody(UpdatePromoterTier)],
    },

    { matcher: "/store/promoters/me*", middlewares: [customer] },
    { matcher: "/store/promoters/me", methods: ["POST"], middlewares: [validateBody(StoreEnrolPromoter)] },
    {
      matcher: "/store/promoters/me/referral-code",
      methods: ["POST"],
      middlewares: [validateBody(StoreSetReferralCode)],
    },
    { matcher: "/store/promoters/me/links", methods: ["POST"], middlewares: [validateBody(SavePromoterLink)] },
    { matcher: "/store/promoters/me/payout-method", methods: ["POST"], middlewares: [validateBody(SetPayoutMethod)] },
    { matcher: "/store/promoters/me/payout-requests", methods: ["POST"], middlewares: [validateBody(StoreRequestPayout)] },
    { matcher: "/store/promoters/me/statement", methods: ["GET"], middlewares: [validateQuery(StatementQuery, {})] },

    {
      matcher: "/store/promoters/me/stats",
      methods: ["GET"],
      middlewares: [validateQuery(StatsQuery, {})],
    },
    {
      matcher: "/store/promoters/me/income",
      methods: ["GET"],
      middlewares: [validateQuery(StatsQuery, {})],
    },
    { matcher: "/store/promoters/me/goals", methods: ["GET"], middlewares: [validateQuery(StoreNoQuery, {})] },
    { matcher: "/store/promoters/me/downline", methods: ["GET"], middlewares: [validateQuery(StoreNoQuery, {})] },
    {
      matcher: "/store/promoters/me/invitations",
      methods: ["POST"],
      middlewares: [validateBody(StoreSendInvitation)],
    },
    {
      matcher: "/admin/promoters/:id/stats",
      methods: ["GET"],
      middlewares: [validateQuery(StatsQuery, {})],
    },

    {
      matcher: "/admin/automation-rules",
      methods: ["GET"],
      middlewares: [validateQuery(ListAutomationRules, { defaults: ["id"], isList: true })],
    },
    { matcher: "/admin/automation-rules", methods: ["POST"], middlewares: [validateBody(SaveAutomationRule)] },
    { matcher: "/admin/automation-rules/simulate", methods: ["POST"], middlewares: [validateBody(SimulateRule)] },
    { matcher: "/admin/automation-rules/validate", methods: ["POST"], middlewares: [validateBody(ValidateRuleBody)] },
    {
      // Not the static sub-routes (simulate, validate, run-due), which have their own bodies.
      matcher: /^\/admin\/automation-rules\/(?!simulate$|validate$|run-due$|vocabulary$)[^/]+\/?$/,
      methods: ["POST"],
      middlewares: [validateBody(SaveAutomationRule)],
    },
    { matcher: "/admin/automation-rules/:id/simulate", methods: ["POST"], middlewares: [validateBody(SimulateRule)] },
    { matcher: "/admin/automation-rules/:id/runs", methods: ["GET"], middlewares: [validateQuery(ListRuns, {})] },
    { matcher: "/admin/automation-rules/:id/report", methods: ["GET"], middlewares: [validateQuery(InsightsRange, {})] },
    { matcher: "/admin/automation/predictions/fit", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/automation/insights", methods: ["GET"], middlewares: [validateQuery(InsightsRange, {})] },
    { matcher: "/admin/automation/insights/summary", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/automation/clock", methods: ["POST"], middlewares: [validateBody(SetClock)] },
    { matcher: "/admin/tier-qualification", methods: ["POST"], middlewares: [validateBody(RunQualification)] },
    { matcher: "/admin/commissions", methods: ["GET"], middlewares: [validateQuery(ListCommissions, {})] },
    { matcher: "/admin/promoter-risk", methods: ["GET"], middlewares: [validateQuery(ListRiskAssessments, {})] },
    { matcher: "/admin/promoter-risk/decide", methods: ["POST"], middlewares: [validateBody(DecideRiskAssessments)] },
    { matcher: "/admin/promoter-risk/:id/decide", methods: ["POST"], middlewares: [validateBody(DecideRiskAssessment)] },
    { matcher: "/admin/commissions/reconcile", methods: ["GET"], middlewares: [validateQuery(ReconcileLedger, {})] },
    { matcher: "/admin/commission-balances", methods: ["GET"], middlewares: [validateQuery(ListBalances, {})] },
    { matcher: "/admin/commission-plan", methods: ["POST"], middlewares: [validateBody(UpdateCommissionPlan)] },
    { matcher: "/admin/payouts", methods: ["GET"], middlewares: [validateQuery(ListPayouts, {})] },
    { matcher: "/admin/payouts", methods: ["POST"], middlewares: [validateBody(CreatePayout)] },
    { matcher: "/admin/payouts/:id/mark-paid", methods: ["POST"], middlewares: [validateBody(MarkPayoutPaid)] },
    { matcher: "/admin/payouts/:id/export", methods: ["GET"], middlewares: [validateQuery(ExportPayout, {})] },
    { matcher: "/admin/payout-requests", methods: ["GET"], middlewares: [validateQuery(ListPayoutRequests, {})] },
    { matcher: "/admin/payout-requests/:id/approve", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/payout-requests/:id/reject", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/promoters/:id/statement", methods: ["GET"], middlewares: [validateQuery(StatementQuery, {})] },
    { matcher: "/admin/payouts/:id/execute", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/promoters/:id/payout-method", methods: ["POST"], middlewares: [validateBody(SetPayoutMethod)] },
    {
      matcher: "/store/referrals/touches",
      methods: ["POST"],
      // The logged-in customer, if any (they may name themselves); apps and tills name people with a touch key.
      middlewares: [rateLimit((o) => o.rateLimits.touchesPerMinute), optionalCustomer, validateBody(StoreRecordTouch)],
    },
    { matcher: "/admin/promoter-touch-keys", methods: ["POST"], middlewares: [validateBody(CreateTouchKey)] },
    { matcher: "/admin/promoter-touch-keys/:id/revoke", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/promoter-webhooks", methods: ["POST"], middlewares: [validateBody(CreateWebhookEndpoint)] },
    { matcher: "/admin/promoter-webhooks/:id", methods: ["POST"], middlewares: [validateBody(UpdateWebhookEndpoint)] },
    { matcher: "/admin/promoter-webhooks/:id/rotate-secret", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    { matcher: "/admin/promoter-webhooks/:id/deliveries", methods: ["GET"], middlewares: [validateQuery(ListWebhookDeliveries, {})] },
    { matcher: "/admin/promoter-webhook-deliveries/:id/redeliver", methods: ["POST"], middlewares: [validateBody(EmptyBody)] },
    // A regular-expression matcher runs before Medusa's own body validation of these routes (which would refuse
    // the extra `referral_code` field); Medusa has already authenticated the optional customer by then.
    { matcher: /^\/store\/carts(\/[^/]+)?\/?$/, methods: ["POST"], middlewares: [captureCartReferral] },
    { matcher: "/store/customers/me", methods: ["GET"], middlewares: [rememberVisitorMiddleware] },
    { matcher: "/store/customers", methods: ["POST"], middlewares: [bindAtSignup] },

    // Short links past the limit still redirect (a shopper behind a busy shared IP must not land on an error), but
    // their touches are not recorded; QR images past the limit get 429.
    {
      matcher: "/r/*",
      middlewares: [rateLimit((o) => o.rateLimits.redirectsPerMinute, { overLimit: (req) => (/\/qr\/?$/i.test(req.originalUrl.split("?")[0]) ? "reject" : "serve") })],
    },
    { matcher: "/r/:code/qr", methods: ["GET"], middlewares: [validateQuery(QrQuery, {})] },
    { matcher: "/r/:code/:slug/qr", methods: ["GET"], middlewares: [validateQuery(QrQuery, {})] },
  ],
})
