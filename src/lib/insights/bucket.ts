// Stable assignment of subjects to groups: the same rule and subject always land in the same place, in every
// process and after every restart, without storing anything first.
import { createHash } from "node:crypto"

/** A number in [0, 1) from a key (SHA-256, first 48 bits): uniform, stable, independent across salts. */
export function stableUnit(key: string): number {
  const digest = createHash("sha256").update(key).digest()
  return digest.readUIntBE(0, 6) / 2 ** 48
}

/** Held out of a rule's actions? The salt is the rule id, so each rule has its own control group. */
export function isHeldOut({ salt, subjectId, share }: { salt: string; subjectId: string; share: number }): boolean {
  if (!(share > 0)) return false
  return stableUnit(`holdout:${salt}:${subjectId}`) < share
}
