// How grade facts are shown, and the promotion run's filtering.
import type { CurrentGrade, Proposal, Scheme } from '@/bindings'

/** 正职 9 级 */
export const gradeText = (g: { category: string; level: number } | null | undefined) =>
  g ? `${g.category} ${g.level} 级` : '未定级'

export interface ProposalFilter {
  communityId: number | null
  onlyChanged: boolean
  /** Only the people listed under 需核对. */
  onlyAttention?: boolean
  search: string
}

export function filterProposals(rows: readonly Proposal[], f: ProposalFilter): Proposal[] {
  const needle = f.search.trim()
  return rows.filter(
    (p) =>
      (f.communityId === null || p.communityId === f.communityId) &&
      (!f.onlyChanged || p.changed) &&
      (!f.onlyAttention || p.attention.length > 0) &&
      (needle === '' || p.name.includes(needle) || p.communityName.includes(needle)),
  )
}

/** The scheme in effect on a date: the latest non-template one that has started. */
export function schemeOn(schemes: readonly Scheme[], date: string): Scheme | null {
  let best: Scheme | null = null
  for (const s of schemes) {
    if (s.isTemplate || !s.effectiveFrom || s.effectiveFrom > date) continue
    if (!best || s.effectiveFrom > (best.effectiveFrom ?? '')) best = s
  }
  return best
}

/** Whether the proposal moves the grade up, down or not at all, for colouring. */
export function movement(current: CurrentGrade | null, p: Proposal): 'up' | 'down' | 'same' | 'new' {
  if (!current) return 'new'
  if (!p.changed) return 'same'
  return p.category !== current.category ? 'up' : p.level > current.level ? 'up' : 'down'
}

/**
 * The run's default date: 1 January, the usual 晋级生效日 — this year's until the end of
 * June (the run is done after the year's assessments are in), next year's after that
 * (preparing the coming promotion). The clerk can still pick any date.
 */
export function defaultRunDate(today: Date): string {
  const year = today.getMonth() < 6 ? today.getFullYear() : today.getFullYear() + 1
  return `${year}-01-01`
}

/** The years whose assessments the 需核对 lines say are missing, with how many people each. */
export function missingAssessmentYears(rows: readonly Proposal[]): { year: number; people: number }[] {
  const counts = new Map<number, number>()
  for (const p of rows) {
    const years = new Set<number>()
    for (const a of p.attention) {
      const m = /^(\d{4}) 年度考核结果未录入/.exec(a)
      if (m) years.add(Number(m[1]))
    }
    for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1)
  }
  return [...counts].sort(([a], [b]) => a - b).map(([year, people]) => ({ year, people }))
}
