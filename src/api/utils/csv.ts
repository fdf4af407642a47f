/** One CSV cell: quoted when it must be, and a leading = + - @ defused so a spreadsheet never runs it as a formula. */
export const csvCell = (v: unknown) => {
  const s = String(v ?? "")
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : s
}
