import { ExclamationCircle } from "@medusajs/icons"
import { Button, Label, Skeleton, Table, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../lib/api"

export const Loading = ({ rows = 3 }: { rows?: number }) => (
  <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true" aria-label="Loading">
    {Array.from({ length: rows }, (_, i) => (
      <Skeleton key={i} className="h-7 w-full" />
    ))}
  </div>
)

export const Empty = ({ title, children }: { title: string; children?: ReactNode }) => (
  <div className="flex flex-col items-center justify-center gap-y-2 px-6 py-10 text-center">
    <Text weight="plus" size="small">
      {title}
    </Text>
    {children ? (
      <Text size="small" className="text-ui-fg-subtle">
        {children}
      </Text>
    ) : null}
  </div>
)

export const ErrorState = ({ error, onRetry }: { error: unknown; onRetry?: () => void }) => (
  <div role="alert" className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div className="flex items-center gap-x-2 text-ui-fg-error">
      <ExclamationCircle />
      <Text size="small">{errorMessage(error)}</Text>
    </div>
    {onRetry ? (
      <Button size="small" variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    ) : null}
  </div>
)

/** Renders loading / error / empty / content for one loaded value. */
export function Loadable<T>({
  state,
  empty,
  children,
}: {
  state: { data?: T; error?: unknown; loading: boolean; reload?: () => void }
  empty?: (data: T) => ReactNode | null
  children: (data: T) => ReactNode
}) {
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />
  if (state.data === undefined) return <Loading />
  const none = empty?.(state.data)
  return <>{none ?? children(state.data)}</>
}

export const NativeSelect = ({
  label,
  value,
  onChange,
  options,
  className,
  name,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  options: { value: string; label: string }[]
  className?: string
  name?: string
}) => (
  <select
    aria-label={label}
    name={name}
    value={value}
    onChange={(e) => onChange(e.target.value)}
    className={`bg-ui-bg-field shadow-borders-base txt-compact-small text-ui-fg-base hover:bg-ui-bg-field-hover h-8 rounded-md px-2 outline-none focus-visible:shadow-borders-interactive-with-active ${className ?? ""}`}
  >
    {options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))}
  </select>
)

export const Section = ({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) => (
  <div className="divide-y">
    <div className="flex items-center justify-between px-6 py-4">
      <Text weight="plus" className="txt-large">
        {title}
      </Text>
      <div className="flex items-center gap-x-2">{actions}</div>
    </div>
    {children}
  </div>
)

export const Field = ({ label, id, children }: { label: string; id: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-1.5">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
  </div>
)

export const Stat = ({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) => (
  <div className="flex flex-col gap-y-1 rounded-lg border px-4 py-3" data-testid={`stat-${label.toLowerCase().replace(/\W+/g, "-")}`}>
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text weight="plus" className="txt-xlarge">
      {value}
    </Text>
    {hint ? (
      <Text size="xsmall" className="text-ui-fg-muted">
        {hint}
      </Text>
    ) : null}
  </div>
)

/** Medusa's table pagination for an offset-paged list. */
export const Pager = ({ count, pageSize, page, setPage }: { count: number; pageSize: number; page: number; setPage: (p: number) => void }) => {
  const pageCount = Math.max(1, Math.ceil(count / pageSize))
  return (
    <Table.Pagination
      count={count}
      pageSize={pageSize}
      pageIndex={page}
      pageCount={pageCount}
      canPreviousPage={page > 0}
      canNextPage={page + 1 < pageCount}
      previousPage={() => setPage(Math.max(0, page - 1))}
      nextPage={() => setPage(page + 1)}
    />
  )
}
