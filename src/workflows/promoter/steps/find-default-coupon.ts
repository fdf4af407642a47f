import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type DefaultCoupon = {
  id: string
  code: string
  metadata: Record<string, unknown>
  type: "percentage" | "fixed"
  value: number
  target: "order" | "items"
  currency_code: string | null
}

type Row = {
  id: string
  code: string | null
  status: string
  metadata: Record<string, unknown> | null
  application_method: { type: "percentage" | "fixed"; value: number; target_type: string; currency_code: string | null } | null
} | null

/** The promoter's active default coupon (metadata.is_default), or null. Reads only. */
export const findDefaultCouponStep = createStep(
  "find-default-promoter-coupon",
  async ({ promoter_id }: { promoter_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "promoter",
      fields: [
        "promotions.id",
        "promotions.code",
        "promotions.status",
        "promotions.metadata",
        "promotions.application_method.type",
        "promotions.application_method.value",
        "promotions.application_method.target_type",
        "promotions.application_method.currency_code",
      ],
      filters: { id: promoter_id },
    })
    const found = ((data[0]?.promotions ?? []) as Row[]).find((p) => p?.metadata?.is_default === true && p.status === "active")
    if (!found?.application_method) return new StepResponse<DefaultCoupon | null>(null)
    const method = found.application_method
    return new StepResponse<DefaultCoupon | null>({
      id: found.id,
      code: found.code ?? "",
      metadata: found.metadata ?? {},
      type: method.type,
      value: Number(method.value),
      target: method.target_type === "items" ? "items" : "order",
      currency_code: method.currency_code ?? null,
    })
  }
)
