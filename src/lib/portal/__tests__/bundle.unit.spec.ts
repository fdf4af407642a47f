// The committed portal bundle is the bundle of src/portal: `npm run build:portal` rewrites it, this fails when
// someone changed the sources and not the bundle (a fresh clone's `medusa plugin:build` ships the committed one).
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { PORTAL_GLOBAL, PORTAL_SCRIPT } from "../bundle.generated"
import { renderPortalPage } from "../page"

const ROOT = path.join(__dirname, "../../../..")
const SCRIPT = path.join(ROOT, "scripts/build-portal.mjs")
const GENERATED = path.join(__dirname, "../bundle.generated.ts")

const check = (file: string) => spawnSync(process.execPath, [SCRIPT, "--check", file], { cwd: ROOT, encoding: "utf8" })

describe("the portal bundle", () => {
  it("is a fresh bundle of src/portal (npm run build:portal writes it)", () => {
    const result = check(GENERATED)
    expect(result.stderr).toBe("")
    expect(result.status).toBe(0)
  })

  it("is told apart from a stale one", () => {
    const stale = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "portal-")), "bundle.generated.ts")
    fs.writeFileSync(stale, fs.readFileSync(GENERATED, "utf8").replace("Log in", "Sign in"))
    const result = check(stale)
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/npm run build:portal/)
  })

  it("is the page's one script, called with the config as script-safe JSON", () => {
    const html = renderPortalPage({
      nonce: "n0nce",
      accentColor: "#0e7490",
      config: { title: "Tea </script><b>Club</b>", publishableKey: "pk_1", storefrontUrl: "https://shop.example" },
    })
    const scripts = [...html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)]
    expect(scripts.map((m) => m[1])).toEqual([' nonce="n0nce"'])
    expect(scripts[0][2]).toBe(
      `(function(){${PORTAL_SCRIPT}${PORTAL_GLOBAL}.start({"title":"Tea \\u003c/script>\\u003cb>Club\\u003c/b>","publishableKey":"pk_1","storefrontUrl":"https://shop.example"})})();`
    )
    expect(PORTAL_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/)
  })
})
