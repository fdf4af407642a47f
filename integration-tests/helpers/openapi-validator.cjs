// Checks one HTTP response against the OpenAPI document: the operation (method + path), the status, the content
// type and, for JSON, the body against the status's schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it).
const Ajv2020 = require("ajv/dist/2020").default

function pathPattern(template) {
  const source = template
    .split("/")
    .map((s) => (/^\{.+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/")
  return new RegExp(`^${source}/?$`, "i")
}

function buildResponseValidator(doc) {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false })
  ajv.addSchema({ $id: "openapi", components: doc.components })
  const operations = []
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      operations.push({ template, method, operation, pattern: pathPattern(template), params: (template.match(/\{/g) ?? []).length })
    }
  }
  // Static segments win over parameters, as in Medusa's router (/admin/automation-rules/simulate before /{id}).
  operations.sort((a, b) => a.params - b.params)
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
    const found = operations.find((o) => o.method === method && o.pattern.test(path))
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

  return { check, operations }
}

function preview(body) {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  return text && text.length > 1500 ? `${text.slice(0, 1500)}…` : text
}

module.exports = { buildResponseValidator, pathPattern }
