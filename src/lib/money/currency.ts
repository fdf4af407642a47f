import { multiplyDecimal } from "./decimal"

const ZERO_DECIMAL = new Set(["bif", "clp", "djf", "gnf", "isk", "jpy", "kmf", "krw", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"])
const THREE_DECIMAL = new Set(["bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd"])

/** Decimals of a currency's minor unit (ISO 4217): 0 for JPY and the like, 3 for KWD and the like, else 2. */
export function currencyDigits(currency: string): number {
  const c = currency.toLowerCase()
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2
}

/** An amount rounded to the currency's minor unit (half away from zero). */
export function roundMoney(amount: string | number, currency: string): string {
  return multiplyDecimal(amount, 1, currencyDigits(currency))
}
