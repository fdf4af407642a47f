// Which promoter gets the credit for an order. Pure: the workflow gathers the candidates, this decides.

export type AttributionSource = "coupon" | "cart_referral" | "customer_binding" | "touch"

export type Candidate = {
  source: AttributionSource
  promoter_id: string
  /** The touch that carried it (touch candidates). */
  touch_id?: string | null
  code?: string | null
  channel?: string | null
  occurred_at?: string | null
}

export type Decision = {
  promoter_id: string | null
  decided_by: AttributionSource | "none" | "self_referral_denied"
  winner: Candidate | null
  self_referral: boolean
  candidates: Candidate[]
}

/**
 * Picks the winner: the first source in `precedence` that has a candidate. Among touches, the latest (last touch)
 * or the earliest (first touch). A promoter buying through their own identity is allowed, flagged or denied.
 */
export function decideAttribution({
  candidates,
  precedence,
  model,
  selfReferral,
  isSelf,
}: {
  candidates: Candidate[]
  precedence: AttributionSource[]
  model: "last_touch" | "first_touch"
  selfReferral: "allow" | "flag" | "deny"
  isSelf: (promoterId: string) => boolean
}): Decision {
  for (const source of precedence) {
    const ofSource = candidates.filter((c) => c.source === source)
    if (!ofSource.length) continue
    const winner = source === "touch" ? pickTouch(ofSource, model) : ofSource[0]
    const self = isSelf(winner.promoter_id)
    if (self && selfReferral === "deny") {
      return { promoter_id: null, decided_by: "self_referral_denied", winner: null, self_referral: true, candidates }
    }
    return {
      promoter_id: winner.promoter_id,
      decided_by: source,
      winner,
      self_referral: self && selfReferral === "flag",
      candidates,
    }
  }
  return { promoter_id: null, decided_by: "none", winner: null, self_referral: false, candidates }
}

function pickTouch(touches: Candidate[], model: "last_touch" | "first_touch"): Candidate {
  const sorted = [...touches].sort((a, b) => (a.occurred_at ?? "").localeCompare(b.occurred_at ?? ""))
  return model === "last_touch" ? sorted[sorted.length - 1] : sorted[0]
}
