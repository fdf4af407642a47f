// The portal's flow: log-in, not-a-promoter-yet, dashboard, log-out. Views draw; this decides which one shows.
import type { PortalConfig } from "../lib/portal/config"
import { friendly, isStatus, request, usePublishableKey } from "./api"
import type { Flow } from "./flow"
import { currentToken, setToken } from "./session"
import { resetState, state } from "./state"
import type { Responses } from "./types"
import { redrawChartOnResize, renderDashboard } from "./views/dashboard"
import { showJoin } from "./views/join"
import { showLogin } from "./views/login"
import { fatal, headerActions, shell, skeletonCard } from "./views/shell"

function createFlow(config: PortalConfig): Flow {
  const flow: Flow = {
    config,
    async dashboard(fresh = false) {
      shell(flow, { header: headerActions(flow, null), main: [skeletonCard(), skeletonCard()] })
      let me: Responses["promoter"]["promoter"]
      try {
        me = (await request<Responses["promoter"]>("/store/promoters/me")).promoter
      } catch (error) {
        if (isStatus(error, 404)) {
          const customer = await request<Responses["customer"]>("/store/customers/me").catch(() => null)
          showJoin(flow, customer?.customer.email ?? null)
          return
        }
        if (isStatus(error, 401)) {
          setToken(null)
          showLogin(
            flow,
            fresh
              ? { kind: "error", text: "This log-in has no shop account yet. Create your account in the shop first, then log in here." }
              : { kind: "info", text: "Your session has ended. Please log in again." }
          )
          return
        }
        fatal(flow, "We couldn't open your dashboard", friendly(error))
        return
      }
      state.me = me
      renderDashboard(flow, me)
    },
    logout(message) {
      setToken(null)
      resetState()
      showLogin(flow, message ? { kind: "info", text: message } : { kind: "success", text: "You are logged out." })
    },
    authFailed(error) {
      if (!isStatus(error, 401) || !currentToken()) return false
      flow.logout("Your session has ended. Please log in again.")
      return true
    },
  }
  return flow
}

export function start(config: PortalConfig): void {
  usePublishableKey(config.publishableKey)
  const flow = createFlow(config)
  redrawChartOnResize()
  if (!config.publishableKey) {
    fatal(
      flow,
      "The portal isn't set up yet",
      "The shop has no publishable API key for it. Shop owners: create one in Settings → Publishable API Keys, or set the plugin option portal.publishableKey."
    )
  } else if (currentToken()) {
    void flow.dashboard()
  } else {
    showLogin(flow)
  }
}
