// The read models (src/read-models): the only SQL that names Medusa's own tables. Every table and column they read
// must exist in the migrated database with the type they expect, and their figures must match what Medusa's own API
// says about orders and customers made through it — so a Medusa upgrade that moves any of it fails here first.
// Also: the listeners of one order's events share one read of its customer.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"
import { CUSTOMER_COLUMNS, customersWithAnniversary, customersWithBirthday } from "../../src/read-models/customers"
import { CANCELED_STATUS, customerOrderDates, ORDER_COLUMNS, orderNotCanceledSql, PLACED_ORDERS, PROMOTION_REDEMPTIONS } from "../../src/read-models/orders"

jest.setTimeout(300 * 1000)

const DAY = 86_400_000

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const orderAs = (headers: Record<string, string>, email: string, extra: { promoCodes?: string[]; cartBody?: Record<string, unknown> } = {}) =>
      checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, email, headers, ...extra })
    const adminOrder = async (id: string) =>
      (await api.get(`/admin/orders/${id}?fields=id,customer_id,created_at,total,discount_total`, admin)).data.order as {
        id: string
        customer_id: string
        created_at: string
        total: number
        discount_total: number
      }

    it("names only tables and columns that exist, with the types it reads them as", async () => {
      const expected = { ...ORDER_COLUMNS, ...CUSTOMER_COLUMNS }
      const { rows } = await dbConnection.raw(
        `select table_name, column_name, udt_name from information_schema.columns
          where table_schema = current_schema() and table_name = any(?)`,
        [Object.keys(expected)]
      )
      const actual: Record<string, Record<string, string>> = {}
      for (const r of rows as { table_name: string; column_name: string; udt_name: string }[]) (actual[r.table_name] ??= {})[r.column_name] = r.udt_name
      for (const [table, columns] of Object.entries(expected)) {
        for (const [column, type] of Object.entries(columns)) expect({ table, column, type: actual[table]?.[column] ?? "missing" }).toEqual({ table, column, type })
      }
      // The status value the read model compares with is one of Medusa's.
      const { rows: statuses } = await dbConnection.raw(`select unnest(enum_range(null::order_status_enum))::text as status`)
      expect(statuses.map((s: { status: string }) => s.status)).toContain(CANCELED_STATUS)
    })

    it("answers with Medusa's own figures for orders placed, discounted and canceled through the store and admin API", async () => {
      await api.post(
        "/admin/promotions",
        { code: "TENOFF", type: "standard", status: "active", application_method: { type: "percentage", target_type: "items", allocation: "across", value: 10 } },
        admin
      )
      const promotion = (await api.get("/admin/promotions?code=TENOFF", admin)).data.promotions[0] as { id: string }
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      const plain = await adminOrder((await orderAs(casey.headers, "casey@example.com")).id)
      const discounted = await adminOrder((await orderAs(casey.headers, "casey@example.com", { promoCodes: ["TENOFF"] })).id)
      const canceled = await adminOrder((await orderAs(casey.headers, "casey@example.com", { promoCodes: ["TENOFF"] })).id)
      await api.post(`/admin/orders/${canceled.id}/cancel`, {}, admin)
      expect(discounted.discount_total).toBeGreaterThan(0)
      const ids = [plain.id, discounted.id, canceled.id]

      // Placed orders: the two that count, with their customer and Medusa's current total; not the canceled one.
      const placed = (await dbConnection.raw(`select id, customer_id, total::float8 as total from ${PLACED_ORDERS} po where po.id = any(?) order by created_at`, [ids]))
        .rows
      expect(placed).toEqual([
        { id: plain.id, customer_id: casey.customerId, total: plain.total },
        { id: discounted.id, customer_id: casey.customerId, total: discounted.total },
      ])

      // The total is read from the summary's exact raw value, which Medusa writes next to the number.
      const { rows: summaries } = await dbConnection.raw(`select totals->'raw_current_order_total'->>'value' as raw from order_summary where order_id = ?`, [plain.id])
      expect(summaries.map((r: { raw: string }) => Number(r.raw))).toEqual([plain.total])

      // Not canceled: a placed order and an order Medusa does not have; not the canceled one.
      const kept = (await dbConnection.raw(`select x.id, ${orderNotCanceledSql("x.id")} as kept from unnest(?::text[]) as x(id)`, [[...ids, "order_gone"]])).rows
      expect(Object.fromEntries(kept.map((k: { id: string; kept: boolean }) => [k.id, k.kept]))).toEqual({
        [plain.id]: true,
        [discounted.id]: true,
        [canceled.id]: false,
        order_gone: true,
      })

      // Redemptions of the coupon: the order that used it, with the discount Medusa gave; not the canceled one.
      const redeemed = (await dbConnection.raw(`select order_id, discount::float8 as discount from ${PROMOTION_REDEMPTIONS} r where r.promotion_id = ?`, [promotion.id]))
        .rows
      expect(redeemed).toEqual([{ order_id: discounted.id, discount: discounted.discount_total }])

      // The purchase model's history: the customer's placed orders up to a time, oldest first.
      const history = await customerOrderDates(getContainer(), { asOf: new Date() })
      expect(history.get(casey.customerId)?.map((d) => d.toISOString())).toEqual([plain.created_at, discounted.created_at].map((d) => new Date(d).toISOString()))
      const before = await customerOrderDates(getContainer(), { asOf: new Date(new Date(discounted.created_at).getTime() - 1) })
      expect(before.get(casey.customerId)?.map((d) => d.toISOString())).toEqual([new Date(plain.created_at).toISOString()])
    })

    it("finds customers by birthday and by the day they signed up", async () => {
      const create = async (email: string, birthday: string) =>
        (await api.post("/admin/customers", { email, first_name: "Pat", metadata: { birthday } }, admin)).data.customer as { id: string; created_at: string }
      const may12 = await create("may12@example.com", "1990-05-12")
      const may13 = await create("may13@example.com", "1985-05-13")
      expect(await customersWithBirthday(getContainer(), { monthDay: "05-12" })).toEqual([may12.id])
      expect((await customersWithBirthday(getContainer(), { monthDay: "05-13" })).sort()).toEqual([may13.id])

      const signedUp = new Date(may12.created_at)
      const monthDay = signedUp.toISOString().slice(5, 10)
      // A year on, both signed up that day; on the day itself, neither has an anniversary yet.
      expect((await customersWithAnniversary(getContainer(), { monthDay, now: new Date(signedUp.getTime() + 365 * DAY) })).sort()).toEqual([may12.id, may13.id].sort())
      expect(await customersWithAnniversary(getContainer(), { monthDay, now: signedUp })).toEqual([])
    })

    it("reads an order's customer once for all the listeners of its events (order.placed, promoter.order_attributed)", async () => {
      await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE", status: "active" }, admin)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const graph = jest.spyOn(query, "graph")
      try {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        const order = await orderAs(casey.headers, "casey@example.com", { cartBody: { referral_code: "JANE" } })
        // promoter.order_attributed was delivered: its commissions are written.
        await eventually(async () => (await api.get(`/admin/commissions?order_id=${order.id}`, admin)).data.commissions as unknown[], (c) => c.length > 0, 15000)
        await new Promise((r) => setTimeout(r, 2000))
        const customerReads = graph.mock.calls.filter(([config]) => {
          const c = config as { entity?: string; fields?: string[]; filters?: { id?: unknown } }
          return c.entity === "order" && c.filters?.id === order.id && c.fields?.length === 1 && c.fields[0] === "customer_id"
        })
        expect(customerReads).toHaveLength(1)
      } finally {
        graph.mockRestore()
      }
    })
  },
})
