/** What the page route tells the portal's browser code (src/portal), as JSON in the page's one script. */
export type PortalConfig = {
  title: string
  /** The store's publishable API key (public), or null when the store has none. */
  publishableKey: string | null
  storefrontUrl: string
}
