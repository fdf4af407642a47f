import { createHash } from "node:crypto"
import { hashTouchKeySecret, newTouchKeySecret, presentedTouchKey, TOUCH_KEY_PREFIX } from "../touch-key"

describe("touch keys", () => {
  it("makes distinct prefixed secrets, keeping only their SHA-256 and a short hint", () => {
    const a = newTouchKeySecret()
    const b = newTouchKeySecret()
    expect(a.secret).toMatch(/^ptk_[2-9A-HJ-NP-Za-km-z]{40}$/)
    expect(a.secret).not.toBe(b.secret)
    expect(a.hash).toBe(createHash("sha256").update(a.secret).digest("hex"))
    expect(hashTouchKeySecret(a.secret)).toBe(a.hash)
    expect(a.hint).toBe(`${a.secret.slice(0, 8)}…`)
    expect(a.hint.length).toBeLessThan(a.secret.length / 3)
  })

  it.each([
    [{ "x-promoter-touch-key": " ptk_abc " }, "ptk_abc"],
    [{ authorization: "Bearer ptk_abc" }, "ptk_abc"],
    [{ authorization: "bearer ptk_abc" }, "ptk_abc"],
    [{ authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" }, null], // a customer's JWT is not a touch key
    [{ authorization: "Basic ptk_abc" }, null],
    [{}, null],
    [{ "x-promoter-touch-key": ["ptk_first", "ptk_second"] }, "ptk_first"],
  ])("reads the key a request presents: %j", (headers, expected) => {
    expect(presentedTouchKey(headers)).toBe(expected)
  })

  it("uses a prefix no JWT can start with", () => {
    expect(TOUCH_KEY_PREFIX.startsWith("ey")).toBe(false)
  })
})
