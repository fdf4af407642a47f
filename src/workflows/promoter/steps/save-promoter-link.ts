import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { checkDestination, RESERVED_SLUGS, SLUG_PATTERN } from "../../../lib/short-links"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"

export type SavePromoterLinkInput = {
  promoter_id: string
  slug: string
  name?: string
  destination: string
}

type LinkRow = Awaited<ReturnType<PromoterModuleService["retrievePromoterLink"]>>
type Undo = { created: string | null; previous: LinkRow | null }

/** Creates or replaces a promoter's named link after checking the slug and that the destination is a storefront path. */
export const savePromoterLinkStep = createStep(
  "save-promoter-link",
  async (input: SavePromoterLinkInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const options = promoters.getOptions()
    const slug = input.slug.trim().toLowerCase()
    if (!SLUG_PATTERN.test(slug) || RESERVED_SLUGS.has(slug)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `slug must be 1 to 48 lower-case letters, digits or inner hyphens, and not ${[...RESERVED_SLUGS].join(", ")}`
      )
    }
    const checked = checkDestination(input.destination, {
      storefrontUrl: options.storefrontUrl,
      allowedHosts: options.allowedStorefrontHosts,
    })
    if (!checked.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `destination ${checked.reason}`)
    }
    await promoters.retrievePromoter(input.promoter_id, { select: ["id"] })
    promoters.forgetShortLinks()
    const [existing] = await promoters.listPromoterLinks({ promoter_id: input.promoter_id, slug })
    if (existing) {
      const updated = await promoters.updatePromoterLinks({
        id: existing.id,
        name: input.name ?? existing.name,
        destination_path: checked.destination,
      })
      return new StepResponse<LinkRow, Undo>(updated, { created: null, previous: existing })
    }
    const created = await promoters.createPromoterLinks({
      promoter_id: input.promoter_id,
      slug,
      name: input.name ?? slug,
      destination_path: checked.destination,
    })
    return new StepResponse<LinkRow, Undo>(created, { created: created.id, previous: null })
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    if (undo.created) await promoters.deletePromoterLinks(undo.created)
    if (undo.previous) {
      await promoters.updatePromoterLinks({
        id: undo.previous.id,
        name: undo.previous.name,
        destination_path: undo.previous.destination_path,
      })
    }
  }
)
