import { model } from "@medusajs/framework/utils"

/**
 * Invitations a promoter has sent on one day (store time zone). `rateLimits.invitationsPerDay` is held by one
 * conditional upsert on this row (see takeInvitationSlot), so concurrent invitations cannot overrun it.
 */
const InvitationQuota = model
  .define("promoter_invitation_quota", {
    id: model.id({ prefix: "piq" }).primaryKey(),
    promoter_id: model.text(),
    day: model.text(),
    sent: model.number().default(0),
  })
  .indexes([{ on: ["promoter_id", "day"], unique: true }])

export default InvitationQuota
