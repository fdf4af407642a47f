// A store owner's bad plugin option must stop start-up with a message naming the option. This starts the real
// store (medusa start, from demo/) with bad options and watches it refuse.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

jest.setTimeout(120 * 1000)

const root = path.join(__dirname, "../..")

function startStore(options: Record<string, unknown>): Promise<{ code: number | null; output: string }> {
  const db = `postgres://${process.env.DB_USERNAME}:${process.env.DB_PASSWORD}@${process.env.DB_HOST}:${process.env.DB_PORT}/postgres`
  // stdout and stderr into one file, as a terminal shows them: two pipes would lose which line came first.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plugin-options-")), "output.log")
  const fd = fs.openSync(file, "w")
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules/.bin/medusa"), ["start"], {
      stdio: ["ignore", fd, fd],
      cwd: path.join(root, "demo"),
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        DATABASE_URL: db,
        PORT: "0",
        MEDUSA_ADMIN_DISABLED: "true",
        PROMOTER_OPTIONS_JSON: JSON.stringify(options),
      },
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), 90 * 1000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      fs.closeSync(fd)
      const output = fs.readFileSync(file, "utf8")
      fs.rmSync(path.dirname(file), { recursive: true, force: true })
      resolve({ code, output })
    })
  })
}

describe("plugin options are validated when the plugin loads", () => {
  it("refuses a bad storefront URL and a zero attribution window, naming both", async () => {
    const { code, output } = await startStore({ storefrontUrl: "not a url", attributionWindowDays: 0 })
    expect(code).not.toBe(0)
    expect(output).toContain('invalid plugin option "storefrontUrl": Invalid URL')
    expect(output).toContain('"attributionWindowDays": Too small')
  })

  it("refuses an option it does not know (a typo would otherwise be ignored silently)", async () => {
    const { code, output } = await startStore({ storefrontURL: "https://shop.example.com" })
    expect(code).not.toBe(0)
    expect(output).toMatch(/invalid plugin option .*storefrontURL/)
  })
})

describe("a bad option is the first error the store owner reads", () => {
  it("logs the plugin's own paragraph, naming every bad option, before Medusa's report and stack trace", async () => {
    const { code, output } = await startStore({ storefrontUrl: "not a url", cookieSecret: "short" })
    expect(code).not.toBe(0)
    // Error lines, as messages: the logger's (text "error:   …", or JSON {"level":"error"} under NODE_ENV=test) and a
    // printed error's ("Error: …"), colours removed.
    const errors = output
      .replace(/\x1b\[[0-9;]*m/g, "")
      .split("\n")
      .flatMap((line) => {
        if (line.startsWith("{")) {
          try {
            const entry = JSON.parse(line) as { level?: string; message?: string }
            return entry.level === "error" ? [`error: ${entry.message}`] : []
          } catch {
            return []
          }
        }
        return /^\s*error\s*:/i.test(line) ? [line.trim()] : []
      })
    expect(errors[0]).toMatch(
      /^error:\s+medusa-plugin-promoter cannot start: invalid plugin option "storefrontUrl": Invalid URL; "cookieSecret": must be at least 32 characters\. Fix the options of the plugins entry \{ resolve: "medusa-plugin-promoter" \} in medusa-config;/
    )
    expect(errors[0]).toContain(".env.template")
    // Medusa's own report follows: the paragraph comes first, not instead.
    expect(errors.slice(1).some((line) => line.includes("Loaders for module Promoter failed"))).toBe(true)
  })
})
