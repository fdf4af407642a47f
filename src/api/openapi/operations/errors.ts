/** The error statuses the plugin's routes answer, with when (each operation picks its own). */
export const E = {
  invalid: { 400: "The request is invalid: a bad field (named in the message), an unknown field, or text with a NUL character" },
  notAllowed: (when: string) => ({ 400: when }),
  admin: { 401: "No valid admin session, bearer token or secret API key" },
  customer: { 401: "No logged-in customer (a session or bearer token of the store's customer auth)" },
  notFound: (what: string) => ({ 404: `Not found: ${what}` }),
  conflict: (when: string) => ({ 409: when }),
  rateLimited: { 429: "Over the per-IP rate limit of the plugin (rateLimits option)" },
  providerFailed: (what: string) => ({ 502: `The notification provider failed to send ${what} (type notification_failed); the next run sends it` }),
  noChannel: { 503: "The notification channel this needs is not configured (type not_configured, code notification_channel_missing)" },
} as const
