/**
 * Extra plugin options for one test file. medusa-config.ts reads PROMOTER_OPTIONS_JSON when the runner loads it,
 * which is before the runner's own `env` option is applied, so the variable is set at import time.
 * Returns the JSON, for store processes the test starts itself.
 */
export function usePluginOptions(options: Record<string, unknown>): string {
  const json = JSON.stringify(options)
  process.env.PROMOTER_OPTIONS_JSON = json
  afterAll(() => {
    delete process.env.PROMOTER_OPTIONS_JSON
  })
  return json
}

/** The options every module-level spec gives its module (the four a store must set; the rest default). */
export const MODULE_TEST_OPTIONS = {
  storefrontUrl: "https://shop.example.com",
  publicUrl: "https://api.example.com",
  cookieSecret: "a-cookie-secret-for-module-tests-0123456789",
  ipHashSalt: "module-test-salt",
}
