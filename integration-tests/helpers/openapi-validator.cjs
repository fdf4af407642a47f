// Checks one HTTP response against the OpenAPI document: the operation (method + path), the status, the content
// type and, for JSON, the body against the status's schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
const fs = require("node:fs")
const path = require("node:path")
const Ajv2020 = require("ajv/dist/2020").default

/** The operations the route files under `apiDir` declare, as `{ method, path }` with `{id}`-style paths. */
function routeFileOperations(apiDir) {
  const out = []
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== "__tests__") walk(full)
      else if (entry.name === "route.ts") {
        const route = "/" + path.relative(apiDir, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, "{$1}")).join("/")
        const text = fs.readFileSync(full, "utf8")
        for (const m of text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)\b/g)) {
          out.push({ method: m[1].toLowerCase(), path: route })
        }
      }
    }
  }
  walk(apiDir)
  return out
}

/** Turns `/admin/promoters/{id}` into a regular expression over a request path (Express: any case, a trailing /). */
function pathPattern(template) {
  const source = template
    .split("/")
    .map((s) => (/^\{.+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/")
  return new RegExp(`^${source}/?$`, "i")
}

/** The operation a request reaches, static segments before parameters (as Medusa orders routes). */
function matcher(operations) {
  const table = operations
    .map((o) => ({ ...o, pattern: pathPattern(o.path), params: (o.path.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.params - b.params)
  return (method, requestPath) => table.find((o) => o.method === method && o.pattern.test(requestPath)) ?? null
}

function buildResponseValidator(doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  ajv.addSchema({ $id: "openapi", components: doc.components })
  const operations = []
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) operations.push({ template, path: template, method, operation })
  }
  const operationOf = matcher(operations)
  const compiled = new Map()
  const validatorOf = (key, schema) => {
    if (!compiled.has(key)) {
      const rebased = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'))
      compiled.set(key, ajv.compile(rebased))
    }
    return compiled.get(key)
  }

  /** Null when the response is as documented (or the path is not the plugin's), else what is wrong. */
  function check({ method, path, status, contentType, body }) {
    const found = operationOf(method, path)
    if (!found) return null
    const where = `${method.toUpperCase()} ${path} (${found.template}) → ${status}`
    const response = found.operation.responses[String(status)]
    if (!response) {
      return `${where}: status ${status} is not documented (documented: ${Object.keys(found.operation.responses).join(", ")})\nbody: ${preview(body)}`
    }
    if (!response.content) {
      if (body !== "" && body !== undefined && body !== null) return `${where}: documented without a body, got ${preview(body)}`
      return null
    }
    const type = contentType.split(";")[0].trim().toLowerCase()
    const media = response.content[type]
    if (!media) return `${where}: content type "${type}" is not documented (documented: ${Object.keys(response.content).join(", ")})`
    if (type !== "application/json") return null
    const validate = validatorOf(`${found.method} ${found.template} ${status}`, media.schema)
    if (validate(body)) return null
    const errors = validate.errors
      .slice(0, 12)
      .map((e) => `  at ${e.instancePath || "(body)"}: ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`)
      .join("\n")
    return `${where}: the body does not match ${JSON.stringify(media.schema)}\n${errors}\nbody: ${preview(body)}`
  }

  return { check }
}

function preview(body) {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  return text && text.length > 1500 ? `${text.slice(0, 1500)}…` : text
}

module.exports = { buildResponseValidator, matcher, pathPattern, routeFileOperations }
