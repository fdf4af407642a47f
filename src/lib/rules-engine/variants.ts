// L5 adaptive variants of an action: which action of a rule has them, and the action a variant stands for.
import type { Action, ActionVariant } from "./schema"

type WithVariants = Extract<Action, { type: "send_message" | "issue_coupon" | "award_bonus" }>

export function hasVariants(action: Action): action is WithVariants & { variants: ActionVariant[] } {
  return "variants" in action && Array.isArray(action.variants) && action.variants.length > 0
}

/** The action as one variant has it: the variant's fields over the action's, without the variant list. */
export function applyVariant(action: Action, variant: ActionVariant): Action {
  const { variants: _variants, explore_min_share: _share, ...base } = action as WithVariants
  const { name: _name, ...override } = variant
  return { ...base, ...override } as Action
}

/** The first action with variants among a list (a rule allows one), and its index. */
export function variantActionIndex(actions: Action[]): number {
  return actions.findIndex(hasVariants)
}

/** Default exploration floor: every variant keeps at least this share of subjects. */
export const DEFAULT_EXPLORE_MIN_SHARE = 0.05
