import { Button, Container, toast } from "@medusajs/ui"
import { SimpleTable } from "./simple-table"
import { Empty, Loadable, Section } from "./states"
import { api, formatDate, formatMoney, useAction, useApi } from "../lib/api"

type PayoutRequest = {
  id: string
  promoter_id: string
  currency_code: string
  amount: number | string
  status: "requested" | "approved" | "rejected"
  created_at: string
  promoter?: { name: string } | null
}

/**
 * Promoters' open payout requests (from the portal): approving one makes a draft payout of that promoter's approved
 * balance through their payout method's provider, which the payouts list below then sends or marks paid.
 */
export const PayoutRequestsSection = ({ onChange }: { onChange: () => void }) => {
  const requests = useApi<{ payout_requests: PayoutRequest[] }>("/admin/payout-requests", { status: "requested" })
  const { busy, run } = useAction()
  const decide = (r: PayoutRequest, decision: "approve" | "reject") =>
    run(`Could not ${decision} the request`, async () => {
      await api(`/admin/payout-requests/${r.id}/${decision}`, { method: "POST", body: {} })
      toast.success(decision === "approve" ? "Request approved: a draft payout was made" : "Request rejected")
      requests.reload()
      onChange()
    })
  return (
    <Container className="p-0">
      <Section title="Payout requests">
        <Loadable state={requests} empty={(d) => (d.payout_requests.length ? null : <Empty title="No open requests">Promoters request payouts from their portal.</Empty>)}>
          {(d) => (
            <SimpleTable
              rows={d.payout_requests}
              rowKey={(r) => r.id}
              rowProps={(r) => ({ "data-testid": "payout-request-row", "data-request-id": r.id })}
              columns={[
                { key: "created", header: "Requested", cell: (r) => formatDate(r.created_at) },
                { key: "promoter", header: "Promoter", cell: (r) => r.promoter?.name ?? r.promoter_id },
                { key: "amount", header: "Balance when asked", align: "right", cell: (r) => formatMoney(r.amount, r.currency_code) },
                {
                  key: "actions",
                  className: "text-right",
                  cell: (r) => (
                    <span className="flex justify-end gap-x-1">
                      <Button size="small" variant="secondary" isLoading={busy} onClick={() => void decide(r, "approve")}>
                        Approve
                      </Button>
                      <Button size="small" variant="transparent" isLoading={busy} onClick={() => void decide(r, "reject")}>
                        Reject
                      </Button>
                    </span>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </Section>
    </Container>
  )
}
