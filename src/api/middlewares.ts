import {
  authenticate,
  defineMiddlewares,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
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
  ListCommissions,
  ReconcileLedger,
  MarkPayoutPaid,
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
} from "./validators"
import { bindAtSignup, captureCartReferral, rememberVisitorMiddleware } from "./utils/cart-referral"
import { rateLimit } from "./utils/rate-limit"
import { refuseUnstorableText } from "./utils/refuse-unstorable-text"

const customer = authenticate("customer", ["session", "bearer"])
const optionalCustomer = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

/**
 * Every route of the plugin except the short links (those treat such text like any unknown code, in the handler). The
 * pattern matches whole paths: Express skips a `use` middleware whose match ends inside a path segment.
 */
const PLUGIN_ROUTES = new RegExp(
  "^/(?:admin/(?:promoters|promoter-tiers|automation|automation-rules|tier-qualification|commissions|commission-plan|" +
    "commission-balances|payouts|promoter-touch-keys|customers/[^/]+/(?:promoter|predictions)|orders/[^/]+/promoter-attribution)" +
    "|store/(?:promoters|referrals)|promoter)(?:/.*)?$",
  "i" // as Express routes: /ADMIN/PROMOTERS reaches the same handler
)

export default defineMiddlewares({
  routes: [
    { matcher: PLUGIN_ROUTES, middlewares: [refuseUnstorableText] },
    {
      matcher: "/admin/promoters",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminListPromoters, { defaults: ["id"], isList: true })],
    },
    { matcher: "/admin/promoters", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreatePromoter)] },
    { matcher: "/admin/promoters/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdatePromoter)] },
    {
      matcher: "/admin/promoters/:id/downline",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(DownlineQuery, {})],
    },
    { matcher: "/admin/promoters/:id/links", methods: ["POST"], middlewares: [validateAndTransformBody(SavePromoterLink)] },
    {
      matcher: "/admin/promoters/:id/coupons",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(CreatePromoterCoupon)],
    },
    { matcher: "/admin/promoter-tiers", methods: ["POST"], middlewares: [validateAndTransformBody(CreatePromoterTier)] },
    {
      matcher: "/admin/promoter-tiers/:id",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(UpdatePromoterTier)],
    },

    { matcher: "/store/promoters/me*", middlewares: [customer] },
    { matcher: "/store/promoters/me", methods: ["POST"], middlewares: [validateAndTransformBody(StoreEnrolPromoter)] },
    {
      matcher: "/store/promoters/me/referral-code",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(StoreSetReferralCode)],
    },
    { matcher: "/store/promoters/me/links", methods: ["POST"], middlewares: [validateAndTransformBody(SavePromoterLink)] },

    {
      matcher: "/store/promoters/me/stats",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(StatsQuery, {})],
    },
    {
      matcher: "/store/promoters/me/income",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(StatsQuery, {})],
    },
    { matcher: "/store/promoters/me/goals", methods: ["GET"], middlewares: [validateAndTransformQuery(StoreNoQuery, {})] },
    { matcher: "/store/promoters/me/downline", methods: ["GET"], middlewares: [validateAndTransformQuery(StoreNoQuery, {})] },
    {
      matcher: "/store/promoters/me/invitations",
      methods: ["POST"],
      middlewares: [validateAndTransformBody(StoreSendInvitation)],
    },
    {
      matcher: "/admin/promoters/:id/stats",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(StatsQuery, {})],
    },

    {
      matcher: "/admin/automation-rules",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(ListAutomationRules, { defaults: ["id"], isList: true })],
    },
    { matcher: "/admin/automation-rules", methods: ["POST"], middlewares: [validateAndTransformBody(SaveAutomationRule)] },
    { matcher: "/admin/automation-rules/simulate", methods: ["POST"], middlewares: [validateAndTransformBody(SimulateRule)] },
    {
      // Not the static sub-routes (simulate, validate, run-due), which have their own bodies.
      matcher: /^\/admin\/automation-rules\/(?!simulate$|validate$|run-due$|vocabulary$)[^/]+\/?$/,
      methods: ["POST"],
      middlewares: [validateAndTransformBody(SaveAutomationRule)],
    },
    { matcher: "/admin/automation-rules/:id/simulate", methods: ["POST"], middlewares: [validateAndTransformBody(SimulateRule)] },
    { matcher: "/admin/automation-rules/:id/runs", methods: ["GET"], middlewares: [validateAndTransformQuery(ListRuns, {})] },
    { matcher: "/admin/automation-rules/:id/report", methods: ["GET"], middlewares: [validateAndTransformQuery(InsightsRange, {})] },
    { matcher: "/admin/automation/predictions/fit", methods: ["POST"], middlewares: [validateAndTransformBody(EmptyBody)] },
    { matcher: "/admin/automation/insights", methods: ["GET"], middlewares: [validateAndTransformQuery(InsightsRange, {})] },
    { matcher: "/admin/automation/insights/summary", methods: ["POST"], middlewares: [validateAndTransformBody(EmptyBody)] },
    { matcher: "/admin/automation/clock", methods: ["POST"], middlewares: [validateAndTransformBody(SetClock)] },
    { matcher: "/admin/tier-qualification", methods: ["POST"], middlewares: [validateAndTransformBody(RunQualification)] },
    { matcher: "/admin/commissions", methods: ["GET"], middlewares: [validateAndTransformQuery(ListCommissions, {})] },
    { matcher: "/admin/commissions/reconcile", methods: ["GET"], middlewares: [validateAndTransformQuery(ReconcileLedger, {})] },
    { matcher: "/admin/commission-plan", methods: ["POST"], middlewares: [validateAndTransformBody(UpdateCommissionPlan)] },
    { matcher: "/admin/payouts", methods: ["GET"], middlewares: [validateAndTransformQuery(ListPayouts, {})] },
    { matcher: "/admin/payouts", methods: ["POST"], middlewares: [validateAndTransformBody(CreatePayout)] },
    { matcher: "/admin/payouts/:id/mark-paid", methods: ["POST"], middlewares: [validateAndTransformBody(MarkPayoutPaid)] },
    {
      matcher: "/store/referrals/touches",
      methods: ["POST"],
      // The logged-in customer, if any (they may name themselves); apps and tills name people with a touch key.
      middlewares: [rateLimit((o) => o.rateLimits.touchesPerMinute), optionalCustomer, validateAndTransformBody(StoreRecordTouch)],
    },
    { matcher: "/admin/promoter-touch-keys", methods: ["POST"], middlewares: [validateAndTransformBody(CreateTouchKey)] },
    { matcher: "/admin/promoter-touch-keys/:id/revoke", methods: ["POST"], middlewares: [validateAndTransformBody(EmptyBody)] },
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
    { matcher: "/r/:code/qr", methods: ["GET"], middlewares: [validateAndTransformQuery(QrQuery, {})] },
    { matcher: "/r/:code/:slug/qr", methods: ["GET"], middlewares: [validateAndTransformQuery(QrQuery, {})] },
  ],
})
