// The promoter portal's browser code. It never runs in Node: the page route sends its source text
// (Function.prototype.toString) as the page's one inline script, so `portalClient` must stay self-contained — no
// imports, no references to anything outside the function body. The build targets ES2021, which browsers run as is.
//
// Data only ever reaches the DOM through textContent and attributes (never innerHTML), so nothing a promoter, a rule
// or a link name contains can become markup.

export type PortalConfig = {
  title: string
  /** The store's publishable API key (public), or null when the store has none. */
  publishableKey: string | null
  storefrontUrl: string
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export function portalClient(config: PortalConfig): void {
  const TOKEN_KEY = "promoter-portal:token"
  const app = document.getElementById("app") as HTMLElement
  const locale = navigator.language || "en-US"
  const numberFormat = new Intl.NumberFormat(locale)
  const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 })
  const RANGES = [7, 30, 90]

  type Json = any
  type Child = Node | string | number | null | undefined | false
  type Section = { body: HTMLElement; load: () => Promise<void> }

  let token: string | null = null
  try {
    token = sessionStorage.getItem(TOKEN_KEY)
  } catch {
    token = null
  }
  const state: { range: number; metric: "clicks" | "conversions" | "income"; me: Json; stats: Json; income: Json } = {
    range: 30,
    metric: "clicks",
    me: null,
    stats: null,
    income: null,
  }

  // ---------------------------------------------------------------- DOM helpers
  function append(node: Node, children: (Child | Child[])[]) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child)
    }
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Record<string, unknown> | null, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(props ?? {})) {
      if (value === undefined || value === null || value === false) continue
      if (key === "class") node.className = String(value)
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value as EventListener)
      else if (key === "value") (node as unknown as HTMLInputElement).value = String(value)
      else node.setAttribute(key, value === true ? "" : String(value))
    }
    append(node, children)
    return node
  }

  const SVG_NS = "http://www.w3.org/2000/svg"
  function svg(tag: string, attrs: Record<string, string | number> = {}, ...children: (Node | null)[]): SVGElement {
    const node = document.createElementNS(SVG_NS, tag)
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value))
    for (const child of children) if (child) node.appendChild(child)
    return node
  }

  function clear(node: Node) {
    while (node.firstChild) node.removeChild(node.firstChild)
  }

  function notice(kind: "error" | "success" | "info", text: string, testId?: string) {
    return el("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": testId }, text)
  }

  function announce(text: string) {
    const live = document.getElementById("live")
    if (live) {
      live.textContent = ""
      window.setTimeout(() => (live.textContent = text), 30)
    }
  }

  // ---------------------------------------------------------------- formatting
  function formatNumber(n: number) {
    return numberFormat.format(n)
  }

  /** `whole`: no decimals when the amount has none ($1,270 of $1,500); otherwise the currency's own decimals. */
  function formatMoney(amount: string | number, currency: string, whole = false) {
    try {
      const n = Number(amount)
      const options: Intl.NumberFormatOptions = { style: "currency", currency: currency.toUpperCase() }
      if (whole && Number.isInteger(n)) options.maximumFractionDigits = options.minimumFractionDigits = 0
      return new Intl.NumberFormat(locale, options).format(n)
    } catch {
      return `${amount} ${currency.toUpperCase()}`
    }
  }

  function formatMeasure(m: Json): string {
    return typeof m === "number" ? formatNumber(m) : formatMoney(m.amount, m.currency_code, true)
  }

  function formatDate(iso: string, withYear = false) {
    const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
    return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(d)
  }

  // ---------------------------------------------------------------- API
  class ApiError extends Error {
    status: number
    constructor(status: number, message: string) {
      super(message)
      this.status = status
    }
  }

  async function api(path: string, init: { method?: string; body?: unknown; auth?: boolean } = {}): Promise<Json> {
    const headers: Record<string, string> = { accept: "application/json" }
    if (config.publishableKey) headers["x-publishable-api-key"] = config.publishableKey
    if (init.auth !== false && token) headers.authorization = `Bearer ${token}`
    if (init.body !== undefined) headers["content-type"] = "application/json"
    let res: Response
    try {
      res = await fetch(path, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: "omit",
        cache: "no-store",
      })
    } catch {
      throw new ApiError(0, "We couldn't reach the shop. Check your connection and try again.")
    }
    const data = await res.json().catch(() => ({}))
    if (!res.ok) {
      const message = typeof data?.message === "string" && data.message ? data.message : `The shop answered with an error (${res.status}).`
      throw new ApiError(res.status, message)
    }
    return data
  }

  function friendly(error: unknown): string {
    if (error instanceof ApiError) {
      if (error.status >= 500) return "Something went wrong on the shop's side. Please try again in a moment."
      return error.message
    }
    return "Something unexpected happened. Please reload the page."
  }

  /** A 401 on any call means the log-in ended: back to the log-in form, with a word why. */
  function handleAuthError(error: unknown): boolean {
    if (error instanceof ApiError && error.status === 401 && token) {
      logout("Your session has ended. Please log in again.")
      return true
    }
    return false
  }

  function setToken(value: string | null) {
    token = value
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value)
      else sessionStorage.removeItem(TOKEN_KEY)
    } catch {
      // private mode: the session lasts as long as the page
    }
  }

  function logout(message?: string) {
    setToken(null)
    Object.assign(state, { range: 30, metric: "clicks", me: null, stats: null, income: null })
    showLogin(message ? { kind: "info", text: message } : { kind: "success", text: "You are logged out." })
  }

  // ---------------------------------------------------------------- layout
  function shell(options: { header?: Child; main: Child[]; private?: boolean }) {
    clear(app)
    append(app, [
      el(
        "header",
        { class: "topbar" },
        el("div", { class: "topbar-inner" }, el("div", { class: "brand" }, el("span", { class: "logo", "aria-hidden": "true" }), el("span", null, config.title)), options.header ?? null)
      ),
      el("main", { class: "container", id: "main" }, ...options.main),
      el(
        "footer",
        { class: options.private ? "footer" : "footer center" },
        el("a", { href: config.storefrontUrl, rel: "noopener" }, "Back to the shop"),
        options.private ? el("span", { class: "muted" }, " · Only you can see the numbers on this page.") : null
      ),
    ])
  }

  function fatal(title: string, text: string) {
    shell({ main: [el("section", { class: "card auth", "data-testid": "portal-error" }, el("h1", null, title), el("p", { class: "muted" }, text))] })
  }

  function busy(button: HTMLButtonElement, label: string) {
    const original = button.textContent ?? ""
    button.disabled = true
    button.setAttribute("aria-busy", "true")
    button.textContent = label
    return () => {
      button.disabled = false
      button.removeAttribute("aria-busy")
      button.textContent = original
    }
  }

  // ---------------------------------------------------------------- log-in
  function showLogin(message?: { kind: "error" | "success" | "info"; text: string }) {
    const messages = el("div", { class: "messages" }, message ? notice(message.kind, message.text, "login-message") : null)
    const email = el("input", { type: "email", name: "email", id: "email", autocomplete: "username", required: true, inputmode: "email" })
    const password = el("input", { type: "password", name: "password", id: "password", autocomplete: "current-password", required: true })
    const submit = el("button", { class: "btn primary block", type: "submit" }, "Log in")
    const form = el(
      "form",
      { novalidate: true, "data-testid": "login-form" },
      el("div", { class: "field" }, el("label", { for: "email" }, "E-mail"), email),
      el("div", { class: "field" }, el("label", { for: "password" }, "Password"), password),
      submit
    )
    form.addEventListener("submit", async (event) => {
      event.preventDefault()
      clear(messages)
      if (!email.value.trim() || !password.value) {
        messages.appendChild(notice("error", "Enter your e-mail and password.", "login-error"))
        return
      }
      if (!email.checkValidity()) {
        messages.appendChild(notice("error", "That e-mail address doesn't look right.", "login-error"))
        return
      }
      const done = busy(submit, "Logging in…")
      try {
        const data = await api("/auth/customer/emailpass", { method: "POST", body: { email: email.value.trim(), password: password.value }, auth: false })
        setToken(data.token)
        await loadDashboard(true)
      } catch (error) {
        done()
        const text =
          error instanceof ApiError && error.status === 401
            ? "That e-mail and password don't match a shop account. Check them and try again."
            : friendly(error)
        messages.appendChild(notice("error", text, "login-error"))
        password.select()
      }
    })
    shell({
      main: [
        el(
          "section",
          { class: "card auth", "aria-labelledby": "login-title" },
          el("h1", { id: "login-title" }, "Log in"),
          el("p", { class: "muted" }, "Use your shop account to see your links, coupons, goals and earnings."),
          messages,
          form,
          el("p", { class: "muted small" }, "No account yet? Create one in the shop, then come back here to join the programme.")
        ),
      ],
    })
    email.focus()
  }

  // ---------------------------------------------------------------- not a promoter yet
  function showJoin(customerEmail: string | null) {
    const messages = el("div", { class: "messages" })
    const sponsor = el("input", { type: "text", name: "sponsor_code", id: "sponsor", autocomplete: "off", maxlength: 64, placeholder: "Optional" })
    const submit = el("button", { class: "btn primary", type: "submit" }, "Join the programme")
    const form = el("form", { novalidate: true }, el("div", { class: "field" }, el("label", { for: "sponsor" }, "Code of the promoter who invited you"), sponsor), submit)
    form.addEventListener("submit", async (event) => {
      event.preventDefault()
      clear(messages)
      const done = busy(submit, "Joining…")
      try {
        await api("/store/promoters/me", { method: "POST", body: sponsor.value.trim() ? { sponsor_code: sponsor.value.trim() } : {} })
        await loadDashboard()
      } catch (error) {
        done()
        if (!handleAuthError(error)) messages.appendChild(notice("error", friendly(error)))
      }
    })
    shell({
      header: headerActions(null),
      main: [
        el(
          "section",
          { class: "card auth", "data-testid": "not-promoter" },
          el("h1", null, "You're not a promoter yet"),
          el(
            "p",
            { class: "muted" },
            customerEmail ? `You're logged in as ${customerEmail}, but this account isn't part of the promoter programme.` : "This account isn't part of the promoter programme."
          ),
          el("p", { class: "muted" }, "Join to get your own referral link, QR code and coupon, and earn on the orders you bring in."),
          messages,
          form
        ),
      ],
    })
  }

  function headerActions(me: Json) {
    const logoutButton = el("button", { class: "btn ghost small", type: "button", "data-testid": "logout", onclick: () => logout() }, "Log out")
    return el(
      "div",
      { class: "who" },
      me ? el("span", { class: "who-name" }, me.name) : null,
      me ? el("span", { class: "chip mono", title: "Your referral code" }, me.referral_code) : null,
      logoutButton
    )
  }

  // ---------------------------------------------------------------- dashboard
  /** `fresh`: the token was just issued by a log-in (a 401 then means the log-in has no customer account). */
  async function loadDashboard(fresh = false) {
    shell({ header: headerActions(null), main: [skeletonCard(), skeletonCard()] })
    let me: Json
    try {
      me = (await api("/store/promoters/me")).promoter
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        const customer = await api("/store/customers/me").catch(() => null)
        showJoin(customer?.customer?.email ?? null)
        return
      }
      if (error instanceof ApiError && error.status === 401) {
        setToken(null)
        showLogin(
          fresh
            ? { kind: "error", text: "This log-in has no shop account yet. Create your account in the shop first, then log in here." }
            : { kind: "info", text: "Your session has ended. Please log in again." }
        )
        return
      }
      fatal("We couldn't open your dashboard", friendly(error))
      return
    }
    state.me = me
    renderDashboard(me)
  }

  function skeletonCard() {
    return el("section", { class: "card", "aria-busy": "true" }, el("div", { class: "skeleton line w40" }), el("div", { class: "skeleton block" }))
  }

  function card(id: string, title: string, extra?: Child, className = "") {
    const body = el("div", { class: "card-body" }, el("div", { class: "skeleton line w60" }), el("div", { class: "skeleton line w80" }), el("div", { class: "skeleton line w40" }))
    const section = el(
      "section",
      { class: `card ${className}`, id: `card-${id}`, "aria-labelledby": `title-${id}`, "data-testid": `card-${id}` },
      el("div", { class: "card-head" }, el("h2", { id: `title-${id}` }, title), extra ?? null),
      body
    )
    return { section, body }
  }

  /** Runs a section's loader with its loading and error states; Retry re-runs it. */
  async function run(section: Section) {
    section.body.setAttribute("aria-busy", "true")
    try {
      await section.load()
    } catch (error) {
      if (handleAuthError(error)) return
      clear(section.body)
      const retry = el("button", { class: "btn small", type: "button", onclick: () => run(section) }, "Try again")
      append(section.body, [el("div", { class: "notice error", role: "alert" }, el("span", null, friendly(error)), " ", retry)])
    } finally {
      section.body.removeAttribute("aria-busy")
    }
  }

  function renderDashboard(me: Json) {
    const rangeControl = el("div", { class: "segmented", role: "group", "aria-label": "Period" })
    const kpis = el("div", { class: "kpis", "data-testid": "kpis" }, ...Array.from({ length: 4 }, () => el("div", { class: "kpi" }, el("div", { class: "skeleton line w60" }), el("div", { class: "skeleton line big w40" }))))
    const income = card("income", "Your income", el("span", { class: "muted small" }, "All time"))
    const metricTabs = el("div", { class: "segmented small", role: "group", "aria-label": "Chart" })
    const chart = card("chart", "Over time", metricTabs, "span-chart")
    const goals = card("goals", "Goals")
    const links = card("links", "Your links")
    const coupons = card("coupons", "Your coupon codes")
    const invite = card("invite", "Invite someone")
    const team = card("team", "Your team")

    const greeting = el(
      "div",
      { class: "hero" },
      el(
        "div",
        null,
        el("h1", { "data-testid": "greeting" }, `Hi, ${String(me.name).split(" ")[0]}`),
        el(
          "p",
          { class: "muted" },
          "Your code ",
          el("strong", { class: "mono" }, me.referral_code),
          me.tier ? ` · ${me.tier.name} tier` : "",
          me.status !== "active" ? ` · ${me.status}` : ""
        )
      ),
      rangeControl
    )
    shell({
      header: headerActions(me),
      private: true,
      main: [
        greeting,
        me.status !== "active"
          ? notice("info", `Your promoter account is ${me.status}: your links don't credit orders until the shop activates it.`)
          : null,
        kpis,
        el(
          "div",
          { class: "columns" },
          el("div", { class: "col wide" }, chart.section, links.section, coupons.section, team.section),
          el("div", { class: "col narrow" }, income.section, goals.section, invite.section)
        ),
      ],
    })

    const statsSection: Section = {
      body: kpis,
      load: async () => {
        const query = state.range === 30 ? "" : `?from=${daysAgo(state.range - 1)}&granularity=${state.range > 31 ? "week" : "day"}`
        const [stats, incomeData] = await Promise.all([api(`/store/promoters/me/stats${query}`), api(`/store/promoters/me/income${query}`)])
        state.stats = stats.stats
        state.income = incomeData.income
        renderKpis(kpis, state.stats)
        renderIncome(income.body, state.stats.income)
        renderChart(chart.body)
      },
    }
    const renderRange = () => {
      clear(rangeControl)
      for (const days of RANGES) {
        append(rangeControl, [
          el(
            "button",
            {
              type: "button",
              class: days === state.range ? "active" : "",
              "aria-pressed": String(days === state.range),
              "data-testid": `range-${days}`,
              onclick: () => {
                state.range = days
                renderRange()
                void run(statsSection)
              },
            },
            `${days} days`
          ),
        ])
      }
    }
    const renderTabs = () => {
      clear(metricTabs)
      for (const [metric, label] of [
        ["clicks", "Clicks"],
        ["conversions", "Orders"],
        ["income", "Income"],
      ] as const) {
        append(metricTabs, [
          el(
            "button",
            {
              type: "button",
              class: metric === state.metric ? "active" : "",
              "aria-pressed": String(metric === state.metric),
              "data-testid": `metric-${metric}`,
              onclick: () => {
                state.metric = metric
                renderTabs()
                if (state.stats) renderChart(chart.body)
              },
            },
            label
          ),
        ])
      }
    }
    renderRange()
    renderTabs()
    // The income card and the chart fill in with the stats; their own errors show in the KPI row.
    void run(statsSection).then(() => {
      if (!state.stats) {
        clear(income.body)
        clear(chart.body)
        append(income.body, [el("p", { class: "muted" }, "Not available right now.")])
        append(chart.body, [el("p", { class: "muted" }, "Not available right now.")])
      }
    })
    void run({ body: goals.body, load: async () => renderGoals(goals.body, await api("/store/promoters/me/goals")) })
    void run({ body: links.body, load: async () => renderLinks(links.body, await api("/store/promoters/me/links")) })
    void run({ body: coupons.body, load: async () => renderCoupons(coupons.body, (await api("/store/promoters/me/coupons")).coupons) })
    void run({ body: team.body, load: async () => renderTeam(team.body, (await api("/store/promoters/me/downline")).downline) })
    renderInvite(invite.body, me, () => void run(statsSection))

    chartBody = chart.body
  }

  // The chart is drawn at the card's real width (readable text on a phone): redrawn when the width changes.
  let chartBody: HTMLElement | null = null
  let resizeTimer = 0
  let lastWidth = window.innerWidth
  window.addEventListener("resize", () => {
    if (window.innerWidth === lastWidth) return
    lastWidth = window.innerWidth
    window.clearTimeout(resizeTimer)
    resizeTimer = window.setTimeout(() => {
      if (state.me && state.stats && chartBody?.isConnected) renderChart(chartBody)
    }, 150)
  })

  function daysAgo(n: number) {
    const d = new Date(Date.now() - n * 86_400_000)
    return d.toISOString().slice(0, 10)
  }

  // ---------------------------------------------------------------- KPIs and income
  function kpi(testId: string, label: string, value: string, raw: string | number, sub?: string) {
    return el(
      "div",
      { class: "kpi" },
      el("div", { class: "kpi-label" }, label),
      el("div", { class: "kpi-value", "data-testid": testId, "data-value": String(raw) }, value),
      sub ? el("div", { class: "kpi-sub muted" }, sub) : null
    )
  }

  function renderKpis(node: HTMLElement, stats: Json) {
    clear(node)
    const t = stats.totals
    const revenue: Json[] = stats.revenue ?? []
    append(node, [
      kpi("kpi-invitations", "Invitations sent", formatNumber(t.invitations), t.invitations, `last ${state.range} days`),
      kpi("kpi-clicks", "Clicks", formatNumber(t.clicks), t.clicks, `${formatNumber(t.unique_clicks)} unique`),
      kpi(
        "kpi-conversions",
        "Orders",
        formatNumber(t.conversions),
        t.conversions,
        t.conversion_rate === null ? "no clicks yet" : `${percentFormat.format(t.conversion_rate)} of unique clicks`
      ),
      kpi(
        "kpi-sales",
        "Sales you brought",
        revenue.length ? revenue.map((r) => formatMoney(r.amount, r.currency_code, true)).join(" + ") : formatMoney(0, "usd", true),
        revenue.map((r) => `${r.amount} ${r.currency_code}`).join(","),
        "order totals"
      ),
    ])
  }

  function renderIncome(node: HTMLElement, income: Json[]) {
    clear(node)
    if (!income.length) {
      append(node, [
        el("div", { class: "empty" }, el("strong", null, "No income yet"), el("p", { class: "muted" }, "You earn a commission on every order your links, codes and team bring in.")),
      ])
      return
    }
    for (const row of income) {
      const cur = row.currency_code
      const cell = (status: "pending" | "approved" | "paid", label: string, hint: string) =>
        el(
          "div",
          { class: `money ${status}` },
          el("div", { class: "money-label" }, el("span", { class: `dot ${status}`, "aria-hidden": "true" }), label),
          el("div", { class: "money-value", "data-testid": `income-${status}-${cur}`, "data-value": row[status] }, formatMoney(row[status], cur)),
          el("div", { class: "muted small" }, hint)
        )
      append(node, [
        el(
          "div",
          { class: "income-row" },
          income.length > 1 ? el("div", { class: "muted small" }, cur.toUpperCase()) : null,
          el("div", { class: "money-grid" }, cell("pending", "Pending", "on hold"), cell("approved", "Approved", "to be paid"), cell("paid", "Paid", "in your account"))
        ),
      ])
    }
  }

  // ---------------------------------------------------------------- chart
  function periodsBetween(from: string, to: string, granularity: string): string[] {
    const start = new Date(`${from}T00:00:00Z`)
    const end = new Date(`${to}T00:00:00Z`)
    const cur = new Date(start)
    if (granularity === "week") cur.setUTCDate(cur.getUTCDate() - ((cur.getUTCDay() + 6) % 7))
    if (granularity === "month") cur.setUTCDate(1)
    const out: string[] = []
    while (cur <= end && out.length < 400) {
      out.push(cur.toISOString().slice(0, 10))
      if (granularity === "day") cur.setUTCDate(cur.getUTCDate() + 1)
      else if (granularity === "week") cur.setUTCDate(cur.getUTCDate() + 7)
      else cur.setUTCMonth(cur.getUTCMonth() + 1)
    }
    return out
  }

  function niceMax(value: number) {
    if (value <= 0) return 1
    const power = Math.pow(10, Math.floor(Math.log10(value)))
    for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power
    return 10 * power
  }

  function mainCurrency(): string | null {
    const totals: Json[] = state.income?.totals ?? []
    const series: Json[] = state.income?.series ?? []
    const codes = [...new Set([...totals.map((t) => t.currency_code), ...series.map((s) => s.currency_code)])]
    if (!codes.length) return null
    const sum = (code: string) =>
      series.filter((s) => s.currency_code === code).reduce((n, s) => n + Number(s.pending) + Number(s.approved) + Number(s.paid), 0)
    return codes.sort((a, b) => sum(b) - sum(a))[0]
  }

  function renderChart(node: HTMLElement) {
    clear(node)
    const stats = state.stats
    const range = stats.range
    const periods = periodsBetween(range.from, range.to, range.granularity)
    const metric = state.metric
    const currency = mainCurrency()
    type Stack = { key: "paid" | "approved" | "pending" | "value"; value: number }[]
    const byPeriod = new Map<string, Stack>()
    if (metric === "income") {
      for (const s of state.income?.series ?? []) {
        if (s.currency_code !== currency) continue
        byPeriod.set(s.period, [
          { key: "paid", value: Number(s.paid) },
          { key: "approved", value: Number(s.approved) },
          { key: "pending", value: Number(s.pending) },
        ])
      }
    } else {
      for (const s of stats.series) byPeriod.set(s.period, [{ key: "value", value: metric === "clicks" ? s.clicks : s.conversions }])
    }
    const values = periods.map((p) => byPeriod.get(p) ?? [])
    const totals = values.map((stack) => stack.reduce((n, part) => n + Math.max(0, part.value), 0))
    const total = totals.reduce((a, b) => a + b, 0)
    const fmt = (n: number) => (metric === "income" && currency ? formatMoney(n, currency) : formatNumber(n))
    const noun = metric === "clicks" ? "clicks" : metric === "conversions" ? "orders" : "income"

    const summary = el(
      "p",
      { class: "chart-summary" },
      el("strong", null, fmt(total)),
      ` ${metric === "income" ? "earned" : noun} in the last ${state.range} days`,
      metric === "income" && currency ? el("span", { class: "muted" }, ` (${currency.toUpperCase()})`) : null
    )
    append(node, [summary])
    if (!total) {
      append(node, [
        el(
          "div",
          { class: "empty chart-empty", "data-testid": "chart-empty" },
          el("strong", null, metric === "income" ? "No income in this period yet" : `No ${noun} in this period yet`),
          el("p", { class: "muted" }, "Share your link or QR code — every click and order shows up here.")
        ),
      ])
      return
    }
    const width = Math.max(280, Math.floor(node.clientWidth || 600))
    const height = width < 480 ? 180 : 220
    const pad = { top: 10, right: 6, bottom: 26, left: metric === "income" ? 56 : 36 }
    const innerW = width - pad.left - pad.right
    const innerH = height - pad.top - pad.bottom
    const max = niceMax(Math.max(...totals))
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": `${noun} per ${range.granularity}`, class: "chart", "data-testid": "chart" })
    for (let i = 0; i <= 4; i++) {
      const y = pad.top + innerH - (innerH * i) / 4
      root.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: i === 0 ? "axis" : "grid" }))
      const label = svg("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end", class: "tick" })
      label.textContent = metric === "income" && currency ? formatMoney((max * i) / 4, currency, true) : formatNumber(Math.round(((max * i) / 4) * 10) / 10)
      root.appendChild(label)
    }
    const slot = innerW / periods.length
    const barW = Math.max(2, Math.min(36, slot * 0.68))
    const labelEvery = Math.max(1, Math.ceil(periods.length / (width < 480 ? 4 : 7)))
    periods.forEach((period, i) => {
      const x = pad.left + slot * i + (slot - barW) / 2
      let y = pad.top + innerH
      const group = svg("g", { class: "bar" })
      const title = svg("title")
      const when = range.granularity === "month" ? formatDate(period, true) : range.granularity === "week" ? `Week of ${formatDate(period)}` : formatDate(period)
      title.textContent = `${when}: ${fmt(totals[i])}${metric === "income" ? ` (${values[i].map((p) => `${p.key} ${fmt(p.value)}`).join(", ")})` : ` ${noun}`}`
      group.appendChild(title)
      group.appendChild(svg("rect", { x: pad.left + slot * i, y: pad.top, width: slot, height: innerH, class: "hit" }))
      for (const part of values[i]) {
        if (part.value <= 0) continue
        const h = Math.max(1, (innerH * part.value) / max)
        y -= h
        group.appendChild(svg("rect", { x, y, width: barW, height: h, rx: Math.min(3, barW / 3), class: `fill ${part.key}` }))
      }
      root.appendChild(group)
      if (i % labelEvery === 0) {
        const label = svg("text", { x: x + barW / 2, y: height - 8, "text-anchor": "middle", class: "tick" })
        label.textContent = range.granularity === "month" ? new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(`${period}T00:00:00Z`)) : formatDate(period)
        root.appendChild(label)
      }
    })
    append(node, [el("div", { class: "chart-wrap" }, root)])
    if (metric === "income") {
      append(node, [
        el(
          "div",
          { class: "legend" },
          ...(["paid", "approved", "pending"] as const).map((k) => el("span", null, el("span", { class: `dot ${k}`, "aria-hidden": "true" }), k[0].toUpperCase() + k.slice(1)))
        ),
      ])
    }
  }

  // ---------------------------------------------------------------- goals
  function progressBar(progress: number, label: string, done: boolean) {
    const fill = el("span", { class: done ? "fill done" : progress > 0 ? "fill" : "fill zero" })
    fill.style.width = `${Math.round(Math.max(0, Math.min(1, progress)) * 100)}%`
    return el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(progress * 100), "aria-label": label }, fill)
  }

  function rewardText(r: Json): string | null {
    if (r.type === "bonus") return r.amount ? `a ${formatMoney(r.amount, r.currency_code, true)} bonus` : "a bonus"
    if (r.type === "coupon") {
      if (r.value === null) return "a coupon"
      return r.discount === "percentage" ? `a ${r.value}% coupon` : `a ${formatMoney(r.value, r.currency_code ?? "usd", true)} coupon`
    }
    if (r.type === "tier") return r.to === "previous" ? null : "a tier upgrade"
    if (r.type === "message") return null
    return null
  }

  function renderGoals(node: HTMLElement, data: Json) {
    clear(node)
    const goals: Json[] = data.goals ?? []
    const tier = data.tier
    if (!goals.length) {
      append(node, [
        el(
          "div",
          { class: "empty", "data-testid": "goals-empty" },
          el("strong", null, "No goals right now"),
          el("p", { class: "muted" }, "When the shop runs a challenge — sell a certain amount this month, bring in new promoters — your progress shows here.")
        ),
      ])
    }
    for (const g of goals) {
      const noun = g.metric === "sales_amount" ? "in sales" : g.metric === "sales_count" ? (g.target === 1 ? "order" : "orders") : g.target === 1 ? "new promoter" : "new promoters"
      const text = `${formatMeasure(g.current)} of ${g.operator === "gt" ? "more than " : ""}${formatMeasure(g.target)} ${noun} ${g.period.label}`
      const rewards = (g.rewards as Json[]).map(rewardText).filter(Boolean) as string[]
      append(node, [
        el(
          "div",
          { class: "goal", "data-testid": "goal" },
          el(
            "div",
            { class: "goal-head" },
            el("strong", null, g.name, g.branch ? el("span", { class: "muted" }, ` · ${g.branch}`) : null),
            g.achieved ? el("span", { class: "badge success" }, g.rewarded ? "Reward earned" : "Reached") : el("span", { class: "badge" }, `${Math.floor(g.progress * 100)}%`)
          ),
          progressBar(g.progress, g.name, g.achieved),
          el("div", { class: "goal-text", "data-testid": "goal-text" }, text),
          rewards.length ? el("div", { class: "muted small" }, `Reward: ${rewards.join(" and ")}`) : null
        ),
      ])
    }
    if (tier?.next) {
      const labels: Record<string, string> = { personal_volume: "Your sales", group_volume: "Your team's sales", active_recruits: "Active recruits" }
      append(node, [
        el(
          "div",
          { class: "goal tier", "data-testid": "tier-progress" },
          el("div", { class: "goal-head" }, el("strong", null, `Next tier: ${tier.next.name}`), tier.current ? el("span", { class: "badge" }, `Now ${tier.current.name}`) : null),
          ...tier.next.criteria.map((c: Json) =>
            el(
              "div",
              { class: "criterion" },
              el("div", { class: "criterion-text" }, el("span", null, labels[c.kind] ?? c.kind), el("span", { class: "muted" }, `${formatMeasure(c.current)} of ${formatMeasure(c.target)}`)),
              progressBar(c.progress, labels[c.kind] ?? c.kind, c.met)
            )
          ),
          el("div", { class: "muted small" }, `Counted ${tier.period.label}; tiers are reviewed at the end of each month.`)
        ),
      ])
    }
  }

  // ---------------------------------------------------------------- links and QR codes
  async function copy(text: string, button: HTMLButtonElement) {
    let ok = false
    try {
      await navigator.clipboard.writeText(text)
      ok = true
    } catch {
      const area = el("textarea", { class: "offscreen", readonly: true }, text)
      document.body.appendChild(area)
      area.select()
      try {
        ok = document.execCommand("copy")
      } catch {
        ok = false
      }
      area.remove()
    }
    const original = button.dataset.label ?? button.textContent ?? "Copy"
    button.dataset.label = original
    button.textContent = ok ? "Copied" : "Copy failed"
    button.classList.toggle("copied", ok)
    announce(ok ? "Copied to the clipboard" : "Could not copy; select the text and copy it yourself")
    window.setTimeout(() => {
      button.textContent = original
      button.classList.remove("copied")
    }, 2000)
  }

  function copyRow(value: string, label: string, testId: string) {
    const input = el("input", { type: "text", readonly: true, value, "aria-label": label, class: "mono", "data-testid": `${testId}-value` })
    input.addEventListener("focus", () => input.select())
    const button = el("button", { class: "btn", type: "button", "data-testid": `${testId}-copy`, "aria-label": `Copy ${label}` }, "Copy")
    button.addEventListener("click", () => void copy(value, button))
    return el("div", { class: "copy-row" }, input, button)
  }

  function qrPath(code: string, slug: string | null, size: number) {
    return `/r/${encodeURIComponent(code)}${slug ? `/${encodeURIComponent(slug)}` : ""}/qr?format=png&size=${size}`
  }

  function qrImage(code: string, slug: string | null, size: number, alt: string, testId: string) {
    const img = el("img", { src: qrPath(code, slug, size * 2), width: size, height: size, alt, "data-testid": testId })
    img.addEventListener("error", () => img.replaceWith(el("div", { class: "qr-missing muted small" }, "QR code unavailable")))
    return img
  }

  function renderLinks(node: HTMLElement, data: Json) {
    clear(node)
    const code = state.me.referral_code
    append(node, [
      el(
        "div",
        { class: "share-main" },
        el("div", { class: "qr" }, qrImage(code, null, 148, "QR code of your link", "qr-main")),
        el(
          "div",
          { class: "share-text" },
          el("div", { class: "field-label" }, "Your link"),
          copyRow(data.share.short_link, "your link", "link-main"),
          el("p", { class: "muted small" }, "Anyone who shops through it is credited to you. Print or show the QR code in person."),
          el("a", { class: "btn ghost small", href: qrPath(code, null, 1024), download: `${code}-qr.png` }, "Download QR code")
        )
      ),
    ])
    const links: Json[] = data.links ?? []
    if (links.length) {
      const list = el("ul", { class: "link-list" })
      for (const link of links) {
        list.appendChild(
          el(
            "li",
            { class: "link-item", "data-testid": "named-link" },
            qrImage(code, link.slug, 64, `QR code of ${link.name || link.slug}`, "qr-named"),
            el("div", { class: "link-name" }, link.name || link.slug, el("span", { class: "muted small" }, ` → ${link.destination_path}`)),
            copyRow(link.short_link, `link ${link.name || link.slug}`, `link-${link.slug}`)
          )
        )
      }
      append(node, [el("h3", null, "Product links"), list])
    }
  }

  // ---------------------------------------------------------------- coupons
  function couponText(c: Json): string {
    const m = c.application_method ?? {}
    const target = m.target_type === "items" ? "items" : "the order"
    if (m.type === "percentage") return `${m.value}% off ${target}`
    if (m.type === "fixed") return `${formatMoney(m.value, m.currency_code ?? "usd", true)} off ${target}`
    return "Discount"
  }

  function renderCoupons(node: HTMLElement, coupons: Json[]) {
    clear(node)
    const list = [...coupons].sort((a, b) => Number(b.status === "active") - Number(a.status === "active"))
    if (!list.length) {
      append(node, [el("div", { class: "empty", "data-testid": "coupons-empty" }, el("strong", null, "No coupon codes yet"), el("p", { class: "muted" }, "The shop can give you codes your customers type at checkout."))])
      return
    }
    const ul = el("ul", { class: "coupon-list" })
    for (const c of list) {
      const budget = c.campaign?.budget
      const details = [
        couponText(c),
        budget?.limit ? `${formatNumber(Number(budget.used ?? 0))} of ${formatNumber(Number(budget.limit))} used` : null,
        c.campaign?.ends_at ? `until ${formatDate(c.campaign.ends_at, true)}` : null,
      ].filter(Boolean)
      const button = el("button", { class: "btn small", type: "button", "data-testid": "coupon-copy", "aria-label": `Copy code ${c.code}` }, "Copy")
      button.addEventListener("click", () => void copy(c.code, button))
      ul.appendChild(
        el(
          "li",
          { class: `coupon${c.status === "active" ? "" : " inactive"}`, "data-testid": "coupon" },
          el("div", null, el("div", { class: "coupon-code mono", "data-testid": "coupon-code" }, c.code), el("div", { class: "muted small" }, details.join(" · "))),
          c.status === "active" ? button : el("span", { class: "badge" }, c.status)
        )
      )
    }
    append(node, [ul])
  }

  // ---------------------------------------------------------------- invitations
  function renderInvite(node: HTMLElement, me: Json, onSent: () => void) {
    clear(node)
    const messages = el("div", { class: "messages", "data-testid": "invite-messages" })
    const email = el("input", { type: "email", id: "invite-email", name: "email", required: true, autocomplete: "off", maxlength: 320 })
    const name = el("input", { type: "text", id: "invite-name", name: "name", maxlength: 200, autocomplete: "off" })
    const message = el("textarea", { id: "invite-message", name: "message", maxlength: 1000, rows: 3, placeholder: "I love these teas — here's my link." })
    const link = el("select", { id: "invite-link", name: "slug" }, el("option", { value: "" }, "Your main link"))
    for (const l of me.links ?? []) link.appendChild(el("option", { value: l.slug }, l.name || l.slug))
    const submit = el("button", { class: "btn primary", type: "submit", "data-testid": "invite-submit" }, "Send invitation")
    const form = el(
      "form",
      { novalidate: true, "data-testid": "invite-form" },
      el("div", { class: "field" }, el("label", { for: "invite-email" }, "Their e-mail"), email),
      el("div", { class: "field-row" }, el("div", { class: "field" }, el("label", { for: "invite-name" }, "Their name ", el("span", { class: "muted" }, "(optional)")), name), el("div", { class: "field" }, el("label", { for: "invite-link" }, "Link"), link)),
      el("div", { class: "field" }, el("label", { for: "invite-message" }, "Personal note ", el("span", { class: "muted" }, "(optional)")), message),
      submit
    )
    form.addEventListener("submit", async (event) => {
      event.preventDefault()
      clear(messages)
      if (!email.value.trim() || !email.checkValidity()) {
        messages.appendChild(notice("error", "Enter a valid e-mail address to send the invitation to.", "invite-error"))
        email.focus()
        return
      }
      const body: Record<string, string> = { email: email.value.trim() }
      if (name.value.trim()) body.name = name.value.trim()
      if (message.value.trim()) body.message = message.value.trim()
      if (link.value) body.slug = link.value
      const done = busy(submit, "Sending…")
      try {
        const data = await api("/store/promoters/me/invitations", { method: "POST", body })
        done()
        form.reset()
        messages.appendChild(notice("success", `Invitation sent to ${data.invitation?.to ?? body.email}. It counts in "Invitations sent".`, "invite-success"))
        onSent()
      } catch (error) {
        done()
        if (!handleAuthError(error)) messages.appendChild(notice("error", friendly(error), "invite-error"))
      }
    })
    append(node, [el("p", { class: "muted small" }, "We e-mail them your link with your note. Invitations you send are counted on this page."), messages, form])
  }

  // ---------------------------------------------------------------- team
  function renderTeam(node: HTMLElement, downline: Json) {
    clear(node)
    if (!downline.total) {
      append(node, [
        el(
          "div",
          { class: "empty", "data-testid": "team-empty" },
          el("strong", null, "No one in your team yet"),
          el("p", { class: "muted" }, "People who join as promoters with your code ", el("strong", { class: "mono" }, state.me.referral_code), " become your team, and you earn on their sales too.")
        ),
      ])
      return
    }
    append(node, [
      el(
        "div",
        { class: "team" },
        el("div", { class: "team-total" }, el("span", { class: "big", "data-testid": "team-total", "data-value": downline.total }, formatNumber(downline.total)), el("span", { class: "muted" }, downline.total === 1 ? " promoter in your team" : " promoters in your team")),
        el("div", { class: "muted small" }, `${formatNumber(downline.direct)} recruited by you · ${formatNumber(downline.active)} active`),
        el(
          "ul",
          { class: "levels" },
          ...downline.levels.map((l: Json) => el("li", null, el("span", { class: "muted" }, `Level ${l.level}`), el("strong", null, formatNumber(l.total))))
        )
      ),
    ])
  }

  // ---------------------------------------------------------------- start
  if (!config.publishableKey) {
    fatal(
      "The portal isn't set up yet",
      "The shop has no publishable API key for it. Shop owners: create one in Settings → Publishable API Keys, or set the plugin option portal.publishableKey."
    )
  } else if (token) {
    void loadDashboard()
  } else {
    showLogin()
  }
}
