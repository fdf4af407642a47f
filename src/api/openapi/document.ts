import fs from "node:fs"
import path from "node:path"
import { z } from "@medusajs/framework/zod"
import { ActionSchema, ConditionSchema, RuleObjectSchema } from "../../lib/rules-engine"
import * as validators from "../validators"
import { OPERATIONS } from "./operations"
import { ErrorBody } from "./schemas/common"
import { responseComponents } from "./schemas/registry"
import { type Auth, isJsonResponse, type Operation } from "./types"

type Json = Record<string, unknown>
const REF = "#/components/schemas/"

/** The field that holds a rule definition in request bodies: documented as the full rule schema. */
const ruleDefinitionField = validators.SaveAutomationRule.shape.definition.unwrap()

const SECURITY: Record<Auth, Json[]> = {
  admin: [{ admin_bearer: [] }, { admin_session: [] }, { admin_api_key: [] }],
  store: [{ publishable_key: [] }],
  customer: [
    { publishable_key: [], customer_bearer: [] },
    { publishable_key: [], customer_session: [] },
  ],
  store_optional_customer: [
    { publishable_key: [] },
    { publishable_key: [], customer_bearer: [] },
    { publishable_key: [], customer_session: [] },
    { publishable_key: [], touch_key: [] },
  ],
  public: [],
}

const SECURITY_SCHEMES = {
  admin_bearer: { type: "http", scheme: "bearer", description: "An admin's JWT from POST /auth/user/emailpass" },
  admin_session: { type: "apiKey", in: "cookie", name: "connect.sid", description: "An admin's session (POST /auth/session)" },
  admin_api_key: { type: "http", scheme: "basic", description: "A secret API key as the Basic auth user name" },
  publishable_key: { type: "apiKey", in: "header", name: "x-publishable-api-key", description: "The storefront's publishable API key" },
  customer_bearer: { type: "http", scheme: "bearer", description: "A customer's JWT from POST /auth/customer/emailpass" },
  customer_session: { type: "apiKey", in: "cookie", name: "connect.sid", description: "A customer's session" },
  touch_key: {
    type: "apiKey",
    in: "header",
    name: "x-promoter-touch-key",
    description: "A touch key an admin issued (POST /admin/promoter-touch-keys); also accepted as `Authorization: Bearer ptk_…`",
  },
}

/** `.int()` says "integer"; the safe-integer bounds zod adds to it are noise to a reader. */
function overrideOutput(ctx: { jsonSchema: Json }) {
  if (ctx.jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete ctx.jsonSchema.minimum
  if (ctx.jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete ctx.jsonSchema.maximum
}

/** zod → JSON Schema for what a request sends: dates as date-time strings, a rule definition as the rule schema. */
function overrideInput(ctx: { zodSchema: unknown; jsonSchema: Json }) {
  overrideOutput(ctx)
  const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def
  if (def.type === "date") Object.assign(ctx.jsonSchema, { type: "string", format: "date-time" })
  if (ctx.zodSchema === ruleDefinitionField) {
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key]
    Object.assign(ctx.jsonSchema, { $ref: `${REF}RuleDefinition` })
  }
}

const TO_JSON = { target: "draft-2020-12", unrepresentable: "any", uri: (id: string) => `${REF}${id}` } as const

/** Named components as OpenAPI wants them: no $schema / $id, shared definitions as components of their own. */
function components(converted: { schemas: Record<string, Json> }, sharedPrefix: string): Record<string, Json> {
  const out: Record<string, Json> = {}
  for (const [id, schema] of Object.entries(converted.schemas)) {
    const { $schema: _s, $id: _i, $defs, ...rest } = schema as Json & { $defs?: Record<string, Json> }
    if (id === "__shared") for (const [name, def] of Object.entries($defs ?? {})) out[`${sharedPrefix}${name}`] = def
    else out[id] = { ...rest, ...($defs ? { $defs } : {}) }
  }
  return JSON.parse(JSON.stringify(out).replace(/#\/components\/schemas\/__shared#\/\$defs\//g, `${REF}${sharedPrefix}`))
}

const pascal = (s: string) => s.replace(/(^|[^A-Za-z0-9])([A-Za-z0-9])/g, (_m, _p, c: string) => c.toUpperCase())

export function operationId(op: Pick<Operation, "method" | "path">): string {
  const words = op.path
    .split("/")
    .filter(Boolean)
    .map((s) => (s.startsWith("{") ? `By${pascal(s.slice(1, -1))}` : pascal(s)))
  return `${op.method}${words.join("")}`
}

function validatorName(schema: z.ZodType): string {
  const found = Object.entries(validators).find(([, v]) => v === schema)
  if (!found) throw new Error("An operation's request schema must be one of src/api/validators.ts (the one its middleware validates with)")
  return found[0]
}

function queryParameters(schema: z.ZodType): Json[] {
  const json = z.toJSONSchema(schema, { ...TO_JSON, io: "input", override: overrideInput }) as Json & {
    properties?: Record<string, Json>
    required?: string[]
  }
  // Required: what an empty query is refused for (JSON Schema marks preprocessed fields required even with a default).
  const missing = new Set((schema.safeParse({}).error?.issues ?? []).map((issue) => issue.path[0]))
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: missing.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
    ...(JSON.stringify(property).includes('"array"') ? { style: "form", explode: true } : {}),
  }))
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: { $ref: `${REF}Error` } } } })

export function buildOpenApiDocument({ version }: { version: string }) {
  const requests = z.registry<{ id: string }>()
  requests.add(RuleObjectSchema, { id: "RuleDefinition" })
  requests.add(ConditionSchema, { id: "RuleCondition" })
  requests.add(ActionSchema, { id: "RuleAction" })
  if (!responseComponents.has(ConditionSchema)) responseComponents.add(ConditionSchema, { id: "StoredRuleCondition" })
  if (!responseComponents.has(ActionSchema)) responseComponents.add(ActionSchema, { id: "StoredRuleAction" })
  for (const op of OPERATIONS) if (op.body && !requests.has(op.body)) requests.add(op.body, { id: validatorName(op.body) })
  for (const op of OPERATIONS) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (isJsonResponse(response) && !responseComponents.has(response.schema)) {
        responseComponents.add(response.schema, { id: `${pascal(operationId(op))}${status}` })
      }
    }
  }
  if (!responseComponents.has(ErrorBody)) throw new Error("the Error schema must be registered")

  const requestSchemas = components(z.toJSONSchema(requests, { ...TO_JSON, io: "input", override: overrideInput }) as { schemas: Record<string, Json> }, "Request")
  const responseSchemas = components(z.toJSONSchema(responseComponents, { ...TO_JSON, io: "output", override: overrideOutput }) as { schemas: Record<string, Json> }, "Response")
  const clash = Object.keys(requestSchemas).filter((k) => k in responseSchemas)
  if (clash.length) throw new Error(`request and response components share names: ${clash.join(", ")}`)

  const paths: Record<string, Record<string, Json>> = {}
  for (const op of OPERATIONS) {
    const pathParams = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }))
    const responses: Record<string, Json> = {}
    for (const [status, response] of Object.entries(op.responses)) {
      responses[status] = isJsonResponse(response)
        ? {
            description: response.description,
            ...(response.headers ? { headers: response.headers } : {}),
            content: { "application/json": { schema: { $ref: `${REF}${responseComponents.get(response.schema)!.id}` } } },
          }
        : { ...response }
    }
    for (const [status, when] of Object.entries(op.errors)) responses[status] = errorResponse(when)
    const operation: Json = {
      operationId: operationId(op),
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: SECURITY[op.auth],
      parameters: [...pathParams, ...(op.query ? queryParameters(op.query) : [])],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: { $ref: `${REF}${requests.get(op.body)!.id}` } } } } }
        : {}),
      responses,
    }
    ;(paths[op.path] ??= {})[op.method] = operation
  }

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "medusa-plugin-promoter",
      version,
      description:
        "Every route the plugin adds to a Medusa v2 store: admin (/admin/…), store (/store/…, with the publishable key), " +
        "short links and QR codes (/r/…) and the promoter portal (/promoter). Generated from the zod validators the routes " +
        "validate with and the response schemas their answers are tested against. Errors answer { type, message }.",
    },
    paths,
    components: { schemas: { ...requestSchemas, ...responseSchemas }, securitySchemes: SECURITY_SCHEMES },
  }
}

/** The plugin's version, from its package.json (found above this file, in the source tree and in the build alike). */
function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json")
    if (!fs.existsSync(file)) continue
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string }
    if (pkg.name === "medusa-plugin-promoter" && pkg.version) return pkg.version
  }
  return "0.0.0"
}

let built: { text: string } | null = null

/** The document as served: built once per process, serialized once. */
export function openApiDocumentText(): string {
  built ??= { text: `${JSON.stringify(buildOpenApiDocument({ version: packageVersion() }), null, 2)}\n` }
  return built.text
}
