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
  StoreEnrolPromoter,
  StoreSetReferralCode,
  UpdatePromoterTier,
} from "./validators"

const customer = authenticate("customer", ["session", "bearer"])

export default defineMiddlewares({
  routes: [
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

    { matcher: "/r/:code/qr", methods: ["GET"], middlewares: [validateAndTransformQuery(QrQuery, {})] },
    { matcher: "/r/:code/:slug/qr", methods: ["GET"], middlewares: [validateAndTransformQuery(QrQuery, {})] },
  ],
})
