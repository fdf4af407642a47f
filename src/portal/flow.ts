import type { PortalConfig } from "../lib/portal/config"

/** What every view may do to the page as a whole (app.ts implements it; views only receive it). */
export type Flow = {
  config: PortalConfig
  /** Opens the dashboard; `fresh`: the token was just issued by a log-in (a 401 then means no shop account). */
  dashboard(fresh?: boolean): Promise<void>
  logout(message?: string): void
  /** A 401 on any call means the log-in ended: back to the log-in form, with a word why. True when it did so. */
  authFailed(error: unknown): boolean
}
