import { model } from "@medusajs/framework/utils"

/**
 * A secret an admin issues to an app or a shop till so it may record touches that name a person (an e-mail).
 * Only the SHA-256 of the secret is stored; the secret is shown once, when the key is made. Revoked keys stay, for
 * the record, and no longer work.
 */
const TouchKey = model
  .define("promoter_touch_key", {
    id: model.id({ prefix: "ptk" }).primaryKey(),
    name: model.text(),
    /** SHA-256 (hex) of the secret. */
    secret_hash: model.text(),
    /** The secret's first characters, so an admin can tell keys apart. */
    secret_hint: model.text(),
    revoked_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["secret_hash"], unique: true }])

export default TouchKey
