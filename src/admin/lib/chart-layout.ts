/**
 * Where the bars of a chart of `count` periods go in its viewBox: every period gets an equal slot, its bar is at
 * most `maxBar` wide and centred in the slot. Without the cap one period's bar took 70 % of the whole chart, which
 * read as a full-width block rather than one day.
 */
export function barLayout({ count, minWidth = 280, slotMin = 28, maxBar = 24 }: { count: number; minWidth?: number; slotMin?: number; maxBar?: number }) {
  const width = Math.max(count * slotMin, minWidth)
  const slot = width / Math.max(count, 1)
  const bar = Math.min(slot * 0.7, maxBar)
  return { width, bar, x: (i: number) => slot * i + (slot - bar) / 2 }
}
