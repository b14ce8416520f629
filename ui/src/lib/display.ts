// How facts are shown on every page: today's date as the backend writes dates, a dash for
// what is missing, and the el-tag colours statuses map to. Takes values from the bindings,
// gives text and tag types; the per-area maps (which status gets which colour) stay in
// views/<area>/display.ts.

/** The el-tag `type` a status is coloured with. */
export type TagType = 'success' | 'warning' | 'info' | 'danger' | 'primary'

const pad = (n: number) => String(n).padStart(2, '0')

/** A local date as YYYY-MM-DD (not toISOString, which is UTC and can be a day off). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A value for a table cell or a description, or a dash when there is none. */
export function orDash(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? '—' : String(value)
}
