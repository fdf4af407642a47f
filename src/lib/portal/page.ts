// The promoter portal: one self-contained HTML document (inline CSS and script, no external resource), served by
// GET /promoter. The script is the bundle of the typed browser code in src/portal (scripts/build-portal.mjs), called
// with the page's config.
import { PORTAL_GLOBAL, PORTAL_SCRIPT } from "./bundle.generated"
import type { PortalConfig } from "./config"
import { portalCss } from "./styles"

export type { PortalConfig }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
}

/** JSON that is safe inside a <script> element (no "</script>", no line separators). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")
}

/** The Content-Security-Policy of the page: only its own nonce'd script and style, images and API calls from here. */
export function portalCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ")
}

export function renderPortalPage({ nonce, config, accentColor }: { nonce: string; config: PortalConfig; accentColor: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="color-scheme" content="light">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(config.title)}</title>
<style nonce="${nonce}">${portalCss(accentColor)}</style>
</head>
<body>
<div id="app"><div class="boot" role="status"><span class="spinner" aria-hidden="true"></span><span>Loading…</span></div></div>
<div id="live" class="offscreen" aria-live="polite"></div>
<noscript><p class="noscript">The promoter portal needs JavaScript. Please turn it on and reload the page.</p></noscript>
<script nonce="${nonce}">(function(){${PORTAL_SCRIPT}${PORTAL_GLOBAL}.start(${scriptJson(config)})})();</script>
</body>
</html>`
}
