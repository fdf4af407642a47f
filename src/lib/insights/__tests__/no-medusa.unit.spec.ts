import fs from "node:fs"
import path from "node:path"

describe("the insights statistics", () => {
  it("import nothing from Medusa", () => {
    const dir = path.join(__dirname, "..")
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))
    expect(files.length).toBeGreaterThan(6)
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), "utf8")
      const imports = [...source.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1])
      expect({ file, outside: imports.filter((i) => !i.startsWith("./") && i !== "node:crypto") }).toEqual({ file, outside: [] })
    }
  })
})
