import fs from "node:fs"
import path from "node:path"
import Ajv2020 from "ajv/dist/2020"
import middlewares from "../../middlewares"
import type { Validates } from "../../utils/validate"
import { buildOpenApiDocument, openApiDocumentText } from "../document"
import { OPERATIONS } from "../operations"

const API = path.join(__dirname, "../..")
const ROOT = path.join(API, "../..")
const SHIPPED = path.join(ROOT, "openapi.json")

const { routeFileOperations: declared } = require("../../../../integration-tests/helpers/openapi-validator.cjs") as {
  routeFileOperations: (apiDir: string) => { method: string; path: string }[]
}

/** `GET /admin/promoters/{id}` for every method every route file under src/api exports. */
const routeFileOperations = (): string[] => declared(API).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()

const documented = () => OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()

/** The path a middleware matcher applies to, for a documented path (parameters filled with a sample value). */
const sample = (template: string) => template.replace(/\{[^}]+\}/g, "x_1")
function matches(matcher: string | RegExp, template: string): boolean {
  if (matcher instanceof RegExp) return matcher.test(sample(template))
  if (matcher.includes("*")) return false
  const pattern = new RegExp(`^${matcher.replace(/:[^/]+/g, "[^/]+")}/?$`)
  return pattern.test(sample(template))
}

describe("the OpenAPI document", () => {
  it("documents every operation the route files export, and nothing else", () => {
    expect(documented()).toEqual(routeFileOperations())
    expect(new Set(documented()).size).toBe(OPERATIONS.length)
  })

  it("shows, for every operation, the very schema its middleware validates with", () => {
    const problems: string[] = []
    const seen = new Set<string>()
    for (const route of middlewares.routes ?? []) {
      for (const mw of (route.middlewares ?? []) as { validates?: Validates }[]) {
        if (!mw.validates) continue
        const ops = OPERATIONS.filter(
          (o) => matches(route.matcher as string | RegExp, o.path) && (route.methods ?? []).map((m) => m.toLowerCase()).includes(o.method)
        )
        if (!ops.length) problems.push(`${String(route.matcher)} ${route.methods}: validates ${mw.validates.in} but no documented operation matches`)
        for (const op of ops) {
          seen.add(`${op.method} ${op.path} ${mw.validates.in}`)
          if (op[mw.validates.in] !== mw.validates.schema) problems.push(`${op.method} ${op.path}: the document's ${mw.validates.in} is not the middleware's schema`)
        }
      }
    }
    for (const op of OPERATIONS) {
      for (const where of ["body", "query"] as const) {
        if (op[where] && !seen.has(`${op.method} ${op.path} ${where}`)) problems.push(`${op.method} ${op.path}: documents a ${where} no middleware validates`)
      }
    }
    expect(problems).toEqual([])
  })

  it("is the file the package ships (npm run openapi writes it)", () => {
    const text = openApiDocumentText()
    if (process.env.UPDATE_OPENAPI) fs.writeFileSync(SHIPPED, text)
    expect(fs.existsSync(SHIPPED)).toBe(true)
    // Compared as text: a stale openapi.json fails here, whatever changed (a schema, a description, the version).
    expect(fs.readFileSync(SHIPPED, "utf8") === text).toBe(true)
  })

  it("is OpenAPI 3.1 whose every reference resolves and every schema compiles as JSON Schema 2020-12", () => {
    const doc = buildOpenApiDocument({ version: "test" })
    expect(doc.openapi).toBe("3.1.0")
    const text = JSON.stringify(doc)
    const names = new Set(Object.keys(doc.components.schemas))
    const dangling = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]).filter((n) => !names.has(n))
    expect(dangling).toEqual([])
    const ajv = new Ajv2020({ strict: false, validateFormats: false })
    ajv.addSchema({ $id: "openapi", components: doc.components })
    for (const name of names) expect(() => ajv.getSchema(`openapi#/components/schemas/${name}`)).not.toThrow()
    // Each operation documents its errors and at least one success.
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(methods)) {
        const statuses = Object.keys((op as { responses: object }).responses)
        expect([`${m} ${p}`, statuses.some((s) => Number(s) < 400)]).toEqual([`${m} ${p}`, true])
      }
    }
  })

  it("answers what users had to read the source for", () => {
    const text = openApiDocumentText()
    for (const needle of [
      "run-due",
      "testing.clock",
      "self_referral_denied",
      "customer_binding",
      "emit_event",
      "promotion_id",
      "default_rates_bps",
      "Unique among tiers",
      '"loyalty"',
      '"paused"',
      "would_run",
    ]) {
      expect([needle, text.includes(needle)]).toEqual([needle, true])
    }
  })
})
