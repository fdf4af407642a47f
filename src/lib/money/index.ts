// The plugin's money: exact decimal strings, one rounding rule (half away from zero), the currencies' minor units,
// and the one conversion from Medusa's amounts. Medusa-free (the rules engine uses it too).
export * from "./decimal"
export * from "./currency"
export * from "./medusa-amount"
