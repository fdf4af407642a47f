import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { payoutMethodView, payoutProvider, payoutProviderIds } from "../../modules/compensation/providers"
import { setPromoterPayoutMethodWorkflow } from "../../workflows/compensation/set-payout-method"
import type { SetPayoutMethodType } from "../validators"
import { compensationService } from "./compensation"

/** A promoter's payout method without its secrets (null: none set, paid by hand), and the providers to choose from. */
export async function answerPayoutMethod(req: AuthenticatedMedusaRequest, res: MedusaResponse, promoterId: string) {
  const compensation = compensationService(req)
  const options = compensation.getOptions()
  const [method] = await compensation.payoutMethodsOf([promoterId])
  const provider = method && payoutProviderIds(options).includes(method.provider_id) ? payoutProvider({ id: method.provider_id, options, container: req.scope }) : null
  res.json({ payout_method: method ? payoutMethodView(method, provider) : null, providers: payoutProviderIds(options) })
}

export async function savePayoutMethod(req: AuthenticatedMedusaRequest<SetPayoutMethodType>, res: MedusaResponse, promoterId: string) {
  const { result } = await setPromoterPayoutMethodWorkflow(req.scope).run({ input: { promoter_id: promoterId, ...req.validatedBody } })
  res.json({ payout_method: result, providers: payoutProviderIds(compensationService(req).getOptions()) })
}
