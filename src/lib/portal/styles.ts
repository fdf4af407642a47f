/** The portal page's style sheet (inline, nonce'd); `accent` is the `portal.accentColor` option. */
export function portalCss(accent: string): string {
  return `
:root{--accent:${accent};--accent-soft:color-mix(in srgb,var(--accent) 12%,#fff);--accent-mid:color-mix(in srgb,var(--accent) 55%,#fff);
--accent-dark:color-mix(in srgb,var(--accent) 80%,#000);--bg:#f5f6fa;--card:#fff;--ink:#101828;--muted:#5f6b7d;--line:#e4e7ec;
--ok:#067647;--ok-soft:#ecfdf3;--err:#b42318;--err-soft:#fef3f2;--info-soft:#eff4ff;--radius:14px;
--shadow:0 1px 2px rgba(16,24,40,.04),0 1px 3px rgba(16,24,40,.06)}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
h1,h2,h3{margin:0;line-height:1.25;letter-spacing:-.01em}
h1{font-size:1.6rem}h2{font-size:1.02rem}h3{font-size:.9rem;margin:18px 0 8px;color:var(--muted);font-weight:600}
p{margin:.4rem 0}
a{color:var(--accent-dark)}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;letter-spacing:.02em}
.muted{color:var(--muted)}.small{font-size:.84rem}
.offscreen{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.boot{display:flex;gap:10px;align-items:center;justify-content:center;min-height:60vh;color:var(--muted)}
.spinner{width:18px;height:18px;border-radius:50%;border:2px solid var(--line);border-top-color:var(--accent);animation:spin .8s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
.noscript{text-align:center;padding:40px}
.topbar{background:#fff;border-bottom:1px solid var(--line);position:sticky;top:0;z-index:5}
.topbar-inner{max-width:1180px;margin:0 auto;padding:10px 20px;display:flex;align-items:center;justify-content:space-between;gap:12px;min-height:56px}
.brand{display:flex;align-items:center;gap:10px;font-weight:650;min-width:0}
.brand span:last-child{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.logo{width:26px;height:26px;border-radius:8px;background:linear-gradient(135deg,var(--accent),var(--accent-mid));flex:none}
.who{display:flex;align-items:center;gap:8px;min-width:0}
.who-name{font-weight:550;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:180px}
.chip{display:inline-block;padding:2px 8px;border-radius:999px;background:var(--accent-soft);color:var(--accent-dark);font-size:.8rem;font-weight:600}
.container{max-width:1180px;margin:0 auto;padding:24px 20px 40px;display:flex;flex-direction:column;gap:18px}
.footer{max-width:1180px;margin:0 auto;padding:0 20px 32px;font-size:.85rem}
.footer.center{text-align:center;padding-top:8px}
.card{background:var(--card);border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:20px;min-width:0}
.card-head{display:flex;align-items:center;justify-content:space-between;gap:10px;margin-bottom:14px;flex-wrap:wrap}
.auth{max-width:420px;width:100%;margin:6vh auto 0;padding:28px}
.auth h1{margin-bottom:4px}
.auth form{margin-top:16px}
.field{display:flex;flex-direction:column;gap:6px;margin-bottom:14px;min-width:0;flex:1}
.field-row{display:flex;gap:12px}
label,.field-label{font-weight:560;font-size:.88rem}
.field-label{margin-bottom:6px}
input,select,textarea{font:inherit;color:inherit;width:100%;padding:10px 12px;border:1px solid #d0d5dd;border-radius:10px;background:#fff;min-width:0}
textarea{resize:vertical}
input:focus,select:focus,textarea:focus{outline:none;border-color:var(--accent);box-shadow:0 0 0 3px var(--accent-soft)}
input[readonly]{background:#f9fafb}
.btn{font:inherit;font-weight:600;border:1px solid #d0d5dd;background:#fff;color:var(--ink);border-radius:10px;padding:9px 14px;cursor:pointer;white-space:nowrap;text-decoration:none;display:inline-flex;align-items:center;justify-content:center;gap:6px;transition:background .15s,border-color .15s}
.btn:hover{background:#f9fafb}
.btn:focus-visible,.segmented button:focus-visible{outline:3px solid var(--accent-soft);outline-offset:1px}
.btn.primary{background:var(--accent);border-color:var(--accent);color:#fff}
.btn.primary:hover{background:var(--accent-dark)}
.btn.block{width:100%;padding:11px}
.btn.ghost{background:transparent}
.btn.small{padding:6px 11px;font-size:.85rem}
.btn[disabled]{opacity:.65;cursor:progress}
.btn.copied{background:var(--ok-soft);border-color:#abefc6;color:var(--ok)}
.notice{padding:10px 12px;border-radius:10px;font-size:.9rem;margin-bottom:12px;border:1px solid transparent}
.notice.error{background:var(--err-soft);border-color:#fecdca;color:var(--err)}
.notice.success{background:var(--ok-soft);border-color:#abefc6;color:var(--ok)}
.notice.info{background:var(--info-soft);border-color:#d1e0ff;color:#1d3a8a}
.hero{display:flex;align-items:flex-end;justify-content:space-between;gap:16px;flex-wrap:wrap}
.segmented{display:inline-flex;background:#eef0f4;border-radius:10px;padding:3px;gap:2px}
.segmented button{font:inherit;font-size:.86rem;font-weight:560;border:0;background:transparent;color:var(--muted);padding:6px 12px;border-radius:8px;cursor:pointer}
.segmented button.active{background:#fff;color:var(--ink);box-shadow:0 1px 2px rgba(16,24,40,.1)}
.segmented.small button{padding:4px 10px;font-size:.82rem}
.kpis{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:14px}
.kpis>.notice{grid-column:1/-1}
.kpi{background:#fff;border:1px solid var(--line);border-radius:var(--radius);box-shadow:var(--shadow);padding:16px 18px;min-width:0}
.kpi-label{font-size:.85rem;color:var(--muted);font-weight:560}
.kpi-value{font-size:1.75rem;font-weight:700;letter-spacing:-.02em;margin:2px 0;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.kpi-sub{font-size:.82rem}
.columns{display:grid;grid-template-columns:minmax(0,1.65fr) minmax(0,1fr);gap:18px;align-items:start}
.col{display:flex;flex-direction:column;gap:18px;min-width:0}
.money-grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:10px}
.money{border:1px solid var(--line);border-radius:12px;padding:10px 12px;min-width:0}
.money-label{display:flex;align-items:center;gap:6px;font-size:.82rem;font-weight:600;color:var(--muted)}
.money-value{font-size:1.15rem;font-weight:700;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.income-row+.income-row{margin-top:12px}
.dot{width:9px;height:9px;border-radius:3px;display:inline-block;flex:none}
.dot.paid,.fill.paid{background:var(--accent-dark);fill:var(--accent-dark)}
.dot.approved,.fill.approved{background:var(--accent);fill:var(--accent)}
.dot.pending,.fill.pending{background:var(--accent-mid);fill:var(--accent-mid)}
.chart-wrap{overflow:hidden}
.chart{display:block;max-width:100%;height:auto}
.chart .grid{stroke:#eef0f4}.chart .axis{stroke:#d0d5dd}
.chart .tick{font-size:11px;fill:#667085;font-family:inherit}
.chart .fill.value{fill:var(--accent)}
.chart .hit{fill:transparent}
.chart .bar:hover .hit{fill:#f2f4f7}
.chart-summary{margin:0 0 8px}
.legend{display:flex;gap:14px;font-size:.82rem;color:var(--muted);margin-top:8px}
.legend span{display:inline-flex;align-items:center;gap:6px}
.empty{text-align:center;padding:18px 8px;color:var(--ink)}
.empty p{max-width:360px;margin:.35rem auto 0;font-size:.9rem}
.chart-empty{padding:40px 8px;border:1px dashed var(--line);border-radius:12px}
.goal{padding:12px 0;border-top:1px solid var(--line)}
.goal:first-child{border-top:0;padding-top:0}
.goal-head{display:flex;justify-content:space-between;gap:10px;align-items:center;margin-bottom:8px}
.goal-text{font-size:.92rem;margin-top:6px;font-variant-numeric:tabular-nums}
.badge{font-size:.75rem;font-weight:650;padding:2px 8px;border-radius:999px;background:#f2f4f7;color:#344054;white-space:nowrap}
.badge.success{background:var(--ok-soft);color:var(--ok)}
.progress{height:8px;border-radius:999px;background:#eef0f4;overflow:hidden}
.progress .fill{display:block;height:100%;border-radius:999px;background:var(--accent);min-width:4px}
.progress .fill.done{background:#17b26a}
.progress .fill.zero{min-width:0}
.criterion{margin:10px 0}
.criterion-text{display:flex;justify-content:space-between;gap:8px;font-size:.88rem;margin-bottom:5px;flex-wrap:wrap}
.share-main{display:flex;gap:18px;align-items:flex-start}
.qr{flex:none;background:#fff;border:1px solid var(--line);border-radius:12px;padding:8px;line-height:0}
.qr img{display:block}
.share-text{flex:1;min-width:0}
.share-text .btn{margin-top:6px}
.copy-row{display:flex;gap:8px;align-items:stretch}
.copy-row .btn{padding-top:0;padding-bottom:0}
.copy-row input{flex:1;font-size:.88rem}
.link-list,.coupon-list,.levels{list-style:none;margin:0;padding:0}
.link-item{display:grid;grid-template-columns:auto minmax(0,1fr);column-gap:12px;row-gap:5px;align-items:center;padding:10px 0;border-top:1px solid var(--line)}
.link-item img{grid-row:1/3;border:1px solid var(--line);border-radius:8px;padding:3px;background:#fff}
.link-name{font-weight:600;font-size:.92rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;align-self:end}
.link-item .copy-row{align-self:start}
.coupon{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:11px 12px;border:1px dashed #c7cbd3;border-radius:12px;margin-bottom:8px;background:#fcfcfd}
.coupon.inactive{opacity:.6}
.coupon-code{font-weight:700;font-size:1.02rem}
.team-total .big{font-size:2rem;font-weight:700;letter-spacing:-.02em}
.levels{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
.levels li{display:flex;gap:8px;align-items:center;border:1px solid var(--line);border-radius:10px;padding:6px 10px;font-size:.88rem}
.skeleton{background:linear-gradient(90deg,#eef0f4 25%,#f6f7f9 50%,#eef0f4 75%);background-size:200% 100%;animation:shimmer 1.2s infinite;border-radius:8px}
.skeleton.line{height:12px;margin:8px 0}.skeleton.line.big{height:26px}
.skeleton.block{height:140px;margin-top:12px}
.w40{width:40%}.w60{width:60%}.w80{width:80%}
@keyframes shimmer{to{background-position:-200% 0}}
@media (prefers-reduced-motion:reduce){.skeleton,.spinner{animation:none}}
@media (max-width:960px){
  .columns{display:flex;flex-direction:column;align-items:stretch}
  .col{display:contents}
  #card-income{order:1}#card-chart{order:2}#card-goals{order:3}#card-links{order:4}#card-coupons{order:5}#card-invite{order:6}#card-team{order:7}
  .kpis{grid-template-columns:repeat(2,minmax(0,1fr))}
}
@media (max-width:560px){
  .container{padding:16px 12px 32px;gap:14px}
  .topbar-inner{padding:8px 12px}
  .who-name{display:none}
  h1{font-size:1.35rem}
  .card{padding:16px}
  .kpis{gap:10px}
  .kpi{padding:12px 14px}
  .kpi-value{font-size:1.4rem}
  .money-grid{grid-template-columns:1fr;gap:8px}
  .money{display:grid;grid-template-columns:minmax(0,1fr) auto;align-items:center;column-gap:8px}
  .money-value{grid-column:2;grid-row:1/3;text-align:right;font-size:1.25rem}
  .share-main{flex-direction:column;align-items:center;text-align:center}
  .share-text{width:100%;text-align:left}
  .link-item img{grid-row:1;width:44px;height:44px}
  .link-name{align-self:center}
  .link-item .copy-row{grid-column:1/3}
  .copy-row input{font-size:.82rem}
  .field-row{flex-direction:column;gap:0}
  .hero{align-items:flex-start}
  .auth{margin-top:16px;padding:22px}
}
`
}
