import type { CreatePromotionDTO } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { couponCodeFrom, generateReferralCode } from "../../../modules/promoter/utils/codes"

export type CreatePromoterCouponInput = {
  promoter_id: string
  /** Wanted code; generated from the referral code and the value when absent (e.g. JANE10). */
  code?: string
  type: "percentage" | "fixed"
  /** Percent for percentage coupons; amount in the currency's main unit (e.g. 5 = $5.00) for fixed ones. */
  value: number
  currency_code?: string
  target?: "order" | "items"
  usage_limit?: number | null
  starts_at?: Date | null
  ends_at?: Date | null
  /** The promoter's default coupon (created on activation). */
  is_default?: boolean
}

const COUPON_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/

/** Checks the promoter and the code, and builds the Medusa promotion that is the coupon. */
export const preparePromoterCouponStep = createStep(
  "prepare-promoter-coupon",
  async (input: CreatePromoterCouponInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const promotions = container.resolve(Modules.PROMOTION)
    const promoter = await promoters.retrievePromoter(input.promoter_id, {
      select: ["id", "referral_code", "status"],
    })
    if (promoter.status === "terminated") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A terminated promoter cannot get new coupons")
    }
    if (input.type === "fixed" && !input.currency_code) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "currency_code is required for a fixed-amount coupon")
    }
    if (input.starts_at && input.ends_at && input.starts_at >= input.ends_at) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "ends_at must be after starts_at")
    }
    const isTaken = async (code: string) => (await promotions.listPromotions({ code }, { select: ["id"] })).length > 0

    let code: string
    if (input.code) {
      code = input.code.trim().toUpperCase()
      if (!COUPON_PATTERN.test(code)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          "code must be 3 to 32 letters, digits or inner hyphens"
        )
      }
      if (await isTaken(code)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `The coupon code ${code} is already taken`)
      }
    } else {
      code = couponCodeFrom({ base: promoter.referral_code, suffix: String(Math.round(input.value)) })
      for (let attempt = 0; (await isTaken(code)) && attempt < 10; attempt++) {
        code = `${couponCodeFrom({ base: promoter.referral_code, suffix: String(Math.round(input.value)) })}-${generateReferralCode().slice(0, 3)}`
      }
    }

    const needsCampaign = input.usage_limit != null || input.starts_at != null || input.ends_at != null
    const promotion: CreatePromotionDTO = {
      code,
      type: "standard",
      status: "active",
      is_automatic: false,
      application_method: {
        type: input.type,
        target_type: input.target ?? "order",
        allocation: "across",
        value: input.value,
        ...(input.type === "fixed" ? { currency_code: input.currency_code!.toLowerCase() } : {}),
      },
      ...(needsCampaign
        ? {
            campaign: {
              name: `Promoter ${promoter.referral_code}: ${code}`,
              campaign_identifier: `promoter-${code}`,
              starts_at: input.starts_at ?? null,
              ends_at: input.ends_at ?? null,
              budget: input.usage_limit != null ? { type: "usage", limit: input.usage_limit } : null,
            },
          }
        : {}),
      metadata: { promoter_id: promoter.id, promoter_code: promoter.referral_code, is_default: !!input.is_default },
    }
    return new StepResponse({ promoter_id: promoter.id, promotion })
  }
)
