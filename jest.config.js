const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const swc = [
  "@swc/jest",
  { jsc: { target: "es2021", parser: { syntax: "typescript", decorators: true }, transform: { decoratorMetadata: true } } },
]

const projects = {
  unit: ["<rootDir>/src/**/__tests__/**/*.unit.spec.ts"],
  modules: ["<rootDir>/src/modules/*/__tests__/**/*.module.spec.ts"],
  http: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
  browser: process.env.SKIP_BROWSER_TESTS === "true" ? [] : ["<rootDir>/integration-tests/browser/**/*.spec.ts"],
}

const only = process.env.TEST_TYPE
module.exports = {
  transform: { "^.+\\.[jt]s$": swc },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
  setupFilesAfterEnv: ["./integration-tests/openapi-responses.cjs"],
  testMatch: only ? projects[only] : Object.values(projects).flat(),
  testTimeout: 120000,
}
