// How training facts are shown: status colours, the cadence list's filtering and counts.
import type { CadenceRow } from '@/bindings'
import type { TagType } from '@/lib/display'
import type { CadenceStatus } from '@/vocab'

const CADENCE_TAGS: Record<CadenceStatus, TagType> = {
  已逾期: 'danger',
  即将到期: 'warning',
  待培训: 'primary',
  已完成: 'success',
}

export function cadenceTagType(status: CadenceStatus | null | undefined): TagType {
  return (status && CADENCE_TAGS[status]) || 'info'
}

export interface CadenceFilter {
  status: string | null
  communityId: number | null
  search: string
}

/** The rows that match; the backend already sorts worst status first. */
export function filterCadence(rows: readonly CadenceRow[], f: CadenceFilter): CadenceRow[] {
  const needle = f.search.trim()
  return rows.filter(
    (r) =>
      (f.status === null || r.status === f.status) &&
      (f.communityId === null || r.communityId === f.communityId) &&
      (needle === '' || r.name.includes(needle) || r.communityName.includes(needle)),
  )
}

/** How many people are in each status, in the vocabulary's order. */
export function countByStatus(rows: readonly CadenceRow[], statuses: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, 0]))
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1
  return counts
}

/** Hours with at most one decimal, as a clerk writes them: 8, 2.5. */
export const hoursText = (h: number) => (Number.isInteger(h) ? String(h) : h.toFixed(1))

/** The years a clerk picks from: this year and the previous few. */
export function recentYears(thisYear: number, count = 6): number[] {
  return Array.from({ length: count }, (_, i) => thisYear - i)
}
