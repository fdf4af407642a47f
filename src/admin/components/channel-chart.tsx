import { Text } from "@medusajs/ui"
import { barLayout } from "../lib/chart-layout"

export type SeriesPoint = {
  period: string
  clicks: number
  conversions: number
  by_channel?: Record<string, { clicks: number; conversions: number }>
}

const COLORS = ["#3b82f6", "#10b981", "#f59e0b", "#8b5cf6", "#ef4444", "#06b6d4", "#64748b"]

/** Clicks per period as bars stacked by channel, conversions as dots; an SVG that needs no chart library. */
export const ChannelChart = ({ series, height = 180 }: { series: SeriesPoint[]; height?: number }) => {
  // Channels that brought clicks (conversions credited by coupon or binding have a "channel" but no clicks).
  const channels = [
    ...new Set(series.flatMap((p) => Object.entries(p.by_channel ?? {}).filter(([, v]) => v.clicks > 0).map(([c]) => c))),
  ].sort()
  const max = Math.max(1, ...series.map((p) => p.clicks), ...series.map((p) => p.conversions))
  const { width, bar, x } = barLayout({ count: series.length })
  const y = (v: number) => height - (v / max) * (height - 16)
  return (
    <div className="flex flex-col gap-y-3">
      <svg
        role="img"
        aria-label={`Clicks by channel over ${series.length} periods`}
        viewBox={`0 0 ${width} ${height + 18}`}
        className="h-52 w-full"
        preserveAspectRatio="none"
      >
        <line x1={0} x2={width} y1={height} y2={height} stroke="currentColor" className="text-ui-border-base" />
        {series.map((p, i) => {
          let top = height
          return (
            <g key={p.period}>
              <title>{`${p.period}: ${p.clicks} clicks, ${p.conversions} conversions`}</title>
              {channels.map((c, ci) => {
                const v = p.by_channel?.[c]?.clicks ?? 0
                if (!v) return null
                const h = height - y(v)
                top -= h
                return <rect key={c} x={x(i)} y={top} width={bar} height={h} fill={COLORS[ci % COLORS.length]} rx={2} />
              })}
              {p.conversions ? <circle cx={x(i) + bar / 2} cy={y(p.conversions)} r={3.5} fill="#111827" /> : null}
            </g>
          )
        })}
      </svg>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {channels.map((c, ci) => (
          <span key={c} className="flex items-center gap-x-1.5">
            <span className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: COLORS[ci % COLORS.length] }} />
            <Text size="xsmall" className="text-ui-fg-subtle">
              {c} clicks
            </Text>
          </span>
        ))}
        <span className="flex items-center gap-x-1.5">
          <span className="inline-block h-2.5 w-2.5 rounded-full bg-[#111827]" />
          <Text size="xsmall" className="text-ui-fg-subtle">
            conversions
          </Text>
        </span>
        {series.length ? (
          <Text size="xsmall" className="text-ui-fg-muted ml-auto">
            {series[0].period} – {series[series.length - 1].period}
          </Text>
        ) : null}
      </div>
    </div>
  )
}
