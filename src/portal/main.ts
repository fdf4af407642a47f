// The promoter portal's browser code, bundled by scripts/build-portal.mjs into src/lib/portal/bundle.generated.ts
// (an IIFE that defines `promoterPortal.start`); the page route calls it with the page's config.
export { start } from "./app"
