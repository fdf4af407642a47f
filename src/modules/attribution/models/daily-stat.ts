import { model } from "@medusajs/framework/utils"

/**
 * Rollup per promoter, day (store time zone), channel and currency ("" for rows without money), kept by the
 * writers with upserts so the dashboard reads a few hundred rows instead of millions of touches.
 */
const DailyStat = model
  .define("promoter_daily_stat", {
    id: model.id({ prefix: "pds" }).primaryKey(),
    promoter_id: model.text(),
    day: model.text(),
    channel: model.text(),
    currency_code: model.text(),
    clicks: model.number().default(0),
    unique_clicks: model.number().default(0),
    invitations: model.number().default(0),
    conversions: model.number().default(0),
    revenue: model.bigNumber().default(0),
  })
  .indexes([{ on: ["promoter_id", "day", "channel", "currency_code"], unique: true }])

export default DailyStat
