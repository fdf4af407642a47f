// The check the HTTP suites run on every response (integration-tests/openapi-responses.cjs) must be able to fail.
import { buildOpenApiDocument } from "../document"

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS helper shared with the HTTP suites
const { buildResponseValidator } = require("../../../../integration-tests/helpers/openapi-validator.cjs") as {
  buildResponseValidator: (doc: unknown) => { check: (r: Record<string, unknown>) => string | null }
}

const json = "application/json; charset=utf-8"
const tier = { id: "ptier_1", name: "Gold", rank: 2, commission_rates_bps: [1500], qualification: null, metadata: null, created_at: "2026-07-01T00:00:00.000Z", updated_at: "2026-07-01T00:00:00.000Z", deleted_at: null }

describe("the response check of the HTTP suites", () => {
  const { check } = buildResponseValidator(JSON.parse(JSON.stringify(buildOpenApiDocument({ version: "test" }))))
  const post = (body: unknown, status = 201, contentType = json) => check({ method: "post", path: "/admin/promoter-tiers", status, contentType, body })

  it("passes a documented answer", () => {
    expect(post({ tier })).toBeNull()
    expect(post({ type: "invalid_data", message: "rank: taken" }, 400)).toBeNull()
    expect(check({ method: "get", path: "/ADMIN/promoter-tiers/", status: 401, contentType: json, body: { message: "Unauthorized" } })).toBeNull()
  })

  it("fails a wrong type, a missing or an undocumented field, naming where", () => {
    expect(post({ tier: { ...tier, rank: "2" } })).toMatch(/at \/tier\/rank: must be integer/)
    const { created_at: _c, ...withoutDate } = tier
    expect(post({ tier: withoutDate })).toMatch(/must have required property 'created_at'/)
    expect(post({ tier: { ...tier, promoters: [] } })).toMatch(/additionalProperty":"promoters"/)
    expect(post({ type: "invalid_data" }, 400)).toMatch(/must have required property 'message'/)
  })

  it("fails an undocumented status and an undocumented content type", () => {
    expect(post({ tier }, 200)).toMatch(/status 200 is not documented/)
    expect(post({ message: "boom" }, 500)).toMatch(/status 500 is not documented/)
    expect(post("<html></html>", 201, "text/html")).toMatch(/content type "text\/html" is not documented/)
  })

  it("picks static segments before parameters, and leaves other routes alone", () => {
    const runDue = { due_actions: 0, date_runs: 0, schedule_runs: 0 }
    expect(check({ method: "post", path: "/admin/automation-rules/run-due", status: 200, contentType: json, body: runDue })).toBeNull()
    expect(check({ method: "get", path: "/admin/products", status: 200, contentType: json, body: { anything: 1 } })).toBeNull()
    expect(check({ method: "get", path: "/r/JANE", status: 302, contentType: "text/plain; charset=utf-8", body: "Found." })).toBeNull()
    expect(check({ method: "get", path: "/r/JANE/qr", status: 200, contentType: "image/png", body: "\u0089PNG" })).toBeNull()
  })
})
