// Every response the HTTP suites get from the plugin's routes is checked against the OpenAPI document the server
// serves (GET /promoter/openapi.json): the status must be documented for the operation, and the body must match its
// schema. A mismatch fails the test that made the request (the request rejects with the diff, and afterEach fails
// the test too, in case the test swallowed the rejection).
//
// A .cjs file on purpose: Jest does not transform it, so `import("axios")` below stays a real dynamic import and
// reaches the same ES module instance as @medusajs/test-utils' own `import("axios")`, which builds the `api` of
// every suite. The CommonJS build of axios (what `require` gives the helpers) is patched too.
//
// OPENAPI_RESPONSES=off turns the check off; OPENAPI_RESPONSES=record:<file> appends every plugin response (method,
// documented path, status, content type, body) to <file> as JSON lines instead.
const fs = require("node:fs")
const path = require("node:path")

const mode = process.env.OPENAPI_RESPONSES ?? "check"
const recordFile = mode.startsWith("record:") ? mode.slice("record:".length) : null

const { buildResponseValidator, matcher, routeFileOperations } = require("./helpers/openapi-validator.cjs")

function requestPathOf(config) {
  const url = new URL(config.url ?? "", config.baseURL ?? "http://localhost")
  // Not decoded: Express matches routes on the encoded path (a %2F stays inside one segment).
  return { origin: url.origin, path: url.pathname }
}

const failures = []

async function loadValidator(origin) {
  const res = await fetch(`${origin}/promoter/openapi.json`)
  if (res.status !== 200) throw new Error(`GET /promoter/openapi.json answered ${res.status}: the response check needs it`)
  const doc = await res.json()
  return buildResponseValidator(doc)
}

const validators = new Map()
const validatorFor = (origin) => {
  if (!validators.has(origin)) validators.set(origin, loadValidator(origin))
  return validators.get(origin)
}

let routeMatch = null

async function inspect(response) {
  const config = response.config ?? {}
  const method = String(config.method ?? "get").toLowerCase()
  const { origin, path: requestPath } = requestPathOf(config)
  // Only the plugin's own routes (as the route files declare them): Medusa's routes and other servers are not ours.
  routeMatch ??= matcher(routeFileOperations(path.join(__dirname, "..", "src", "api")))
  const op = routeMatch(method, requestPath)
  if (!op) return
  if (recordFile) {
    const body = typeof response.data === "string" ? response.data.slice(0, 200) : response.data
    fs.appendFileSync(
      recordFile,
      JSON.stringify({ method, path: op.path, url: requestPath, status: response.status, type: response.headers?.["content-type"] ?? null, body }) + "\n"
    )
    return
  }
  const validator = await validatorFor(origin)
  const problem = validator.check({
    method,
    path: requestPath,
    status: response.status,
    contentType: String(response.headers?.["content-type"] ?? ""),
    headers: response.headers ?? {},
    body: response.data,
  })
  if (problem) {
    const error = new Error(problem)
    error.name = "OpenAPIResponseMismatch"
    failures.push(error)
    throw error
  }
}

function install(instance) {
  instance.interceptors.response.use(
    async (response) => {
      await inspect(response)
      return response
    },
    async (error) => {
      if (error && error.response) await inspect(error.response)
      throw error
    }
  )
  return instance
}

function patch(axios) {
  if (!axios || axios.__openapiPatched) return
  axios.__openapiPatched = true
  const create = axios.create.bind(axios)
  axios.create = (...args) => install(create(...args))
  install(axios)
}

// Only the suites that talk to a real server (the unit and module specs share this Jest config).
const isHttpSuite = /[\\/]integration-tests[\\/]/.test(expect.getState().testPath ?? "")

if (mode !== "off" && isHttpSuite) {
  beforeAll(async () => {
    patch(require("axios"))
    patch((await import("axios")).default)
  })

  afterEach(() => {
    if (!failures.length) return
    const list = failures.splice(0)
    throw new Error(`${list.length} response(s) do not match the OpenAPI document:\n\n${list.map((e) => e.message).join("\n\n")}`)
  })
}
