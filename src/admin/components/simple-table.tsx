// The list tables of the admin pages: a header row of titles and one row per item, in @medusajs/ui's Table parts.
// Named apart from @medusajs/ui's own DataTable block, which is a different (tanstack-based) component.
import { Table, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

export type Column<T> = {
  key: string
  /** Left out for an empty header cell (e.g. above row actions). */
  header?: ReactNode
  /** Numbers: right-aligned in the header and in the body. */
  align?: "right"
  /** Extra classes on the body cells only, so the header cell stays plain. */
  className?: string
  cell: (row: T) => ReactNode
}

// Only data-* attributes: the browser tests find rows by them (data-testid, data-payout-id).
type RowData = { [attribute: `data-${string}`]: string | undefined }

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined

export function SimpleTable<T>({
  columns,
  rows,
  rowKey,
  rowProps,
  onRowClick,
  headless = false,
}: {
  columns: Column<T>[]
  rows: readonly T[]
  rowKey: (row: T) => string
  rowProps?: (row: T) => RowData
  onRowClick?: (row: T) => void
  /** No header row at all, for short lists whose cells speak for themselves. */
  headless?: boolean
}) {
  return (
    <Table>
      {headless ? null : (
        <Table.Header>
          <Table.Row>
            {columns.map((c) => (
              <Table.HeaderCell key={c.key} className={classes(c.align === "right" && "text-right")}>
                {c.header}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
      )}
      <Table.Body>
        {rows.map((row) => (
          <Table.Row
            key={rowKey(row)}
            className={onRowClick ? "cursor-pointer" : undefined}
            onClick={onRowClick ? () => onRowClick(row) : undefined}
            {...rowProps?.(row)}
          >
            {columns.map((c) => (
              <Table.Cell key={c.key} className={classes(c.align === "right" && "text-right", c.className)}>
                {c.cell(row)}
              </Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

/** A list's first cell: the item's name, and a detail line under it. */
export function TitleCell({ title, detail }: { title: ReactNode; detail: ReactNode }) {
  return (
    <div className="flex flex-col py-1">
      <Text size="small" weight="plus">
        {title}
      </Text>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {detail}
      </Text>
    </div>
  )
}
