import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { Empty, Loadable } from "../components/states"
import { formatDate, useApi } from "../lib/api"

type CustomerPromoter = {
  binding: { source: string; bound_at: string; expires_at: string | null; promoter: { id: string; name: string; referral_code: string } | null } | null
  promoter: { id: string; name: string; referral_code: string; status: string } | null
  rules_fired: { id: string; rule_id: string; evaluated_at: string; actions: unknown[] | null; rule: { id: string; name: string } | null }[]
}

/** Customer details: the promoter the customer is bound to, their own promoter account, the rules fired for them. */
const CustomerPromoterWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const state = useApi<CustomerPromoter>(`/admin/customers/${customer.id}/promoter`)
  return (
    <Container className="divide-y p-0" data-testid="customer-promoter-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Promoter program</Heading>
      </div>
      <Loadable state={state}>
        {(d) => (
          <div className="flex flex-col gap-y-3 px-6 py-4">
            <Text size="small">
              {d.binding?.promoter ? (
                <>
                  Referred by{" "}
                  <Link to={`/promoters/${d.binding.promoter.id}`} className="text-ui-fg-interactive">
                    {d.binding.promoter.name}
                  </Link>{" "}
                  <Badge size="2xsmall">{d.binding.promoter.referral_code}</Badge> since {formatDate(d.binding.bound_at)} ({d.binding.source}
                  {d.binding.expires_at ? `, until ${formatDate(d.binding.expires_at)}` : ", for life"})
                </>
              ) : (
                "Not bound to a promoter."
              )}
            </Text>
            {d.promoter ? (
              <Text size="small">
                Is a promoter:{" "}
                <Link to={`/promoters/${d.promoter.id}`} className="text-ui-fg-interactive">
                  {d.promoter.name} ({d.promoter.referral_code})
                </Link>
              </Text>
            ) : null}
            <div className="flex flex-col gap-y-1">
              <Text size="xsmall" weight="plus">
                Rules fired for this customer
              </Text>
              {d.rules_fired.length ? (
                d.rules_fired.map((r) => (
                  <Text key={r.id} size="xsmall" className="text-ui-fg-subtle" data-testid="customer-rule-fired">
                    {formatDate(r.evaluated_at, true)} ·{" "}
                    <Link to={`/automation/${r.rule_id}`} className="text-ui-fg-interactive">
                      {r.rule?.name ?? r.rule_id}
                    </Link>{" "}
                    · {(r.actions ?? []).map((a) => (a as { type?: string }).type).join(", ") || "no action"}
                  </Text>
                ))
              ) : (
                <Empty title="None yet" />
              )}
            </div>
          </div>
        )}
      </Loadable>
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "customer.details.side.after" })
export default CustomerPromoterWidget
