// `medusa exec ./seed.ts` (run by `npm run demo`): a store to try the plugin on. Idempotent: every part looks for
// what it would create first.
import type { ExecArgs } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import fs from "node:fs"
import path from "node:path"
import { seedStore } from "./fixtures/store"
import { seedPromoters } from "./fixtures/promoters"
import { PROMOTER_DEMO_PASSWORD, seedPortalDemo } from "./fixtures/portal"

const ADMIN = { email: "admin@example.com", password: "supersecret" }

export default async function seed({ container }: ExecArgs) {
  const store = await seedStore(container)
  await ensureAdmin(container)
  const seeded = await seedPromoters(container)
  // The promoters log in to the promoter portal (/promoter) with these shop accounts.
  await seedPortalDemo(container, store, seeded)
  const promoters = seeded.map((p) => ({ ...p, password: PROMOTER_DEMO_PASSWORD }))
  const portalUrl = `${process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000"}/promoter`
  const info = { admin: ADMIN, publishableKey: store.publishableKey, portalUrl, promoters }
  const file = process.env.DEMO_INFO_FILE ?? path.join(process.cwd(), "demo-info.json")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(info, null, 2))
}

async function ensureAdmin(container: ExecArgs["container"]) {
  const users = container.resolve(Modules.USER)
  if ((await users.listUsers({ email: ADMIN.email })).length) return
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email: ADMIN.email, password: ADMIN.password },
  } as Parameters<typeof auth.register>[1])
  if (error || !authIdentity) throw new Error(`Could not register the demo admin: ${error}`)
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, userData: { email: ADMIN.email, first_name: "Demo", last_name: "Admin" } },
  })
}
