// How grade facts are shown, and the promotion run's filtering.
import type { CurrentGrade, Proposal, Scheme } from '@/bindings'

/** 正职 9 级 */
export const gradeText = (g: { category: string; level: number } | null | undefined) =>
  g ? `${g.category} ${g.level} 级` : '未定级'

export interface ProposalFilter {
  communityId: number | null
  onlyChanged: boolean
  search: string
}

export function filterProposals(rows: readonly Proposal[], f: ProposalFilter): Proposal[] {
  const needle = f.search.trim()
  return rows.filter(
    (p) =>
      (f.communityId === null || p.communityId === f.communityId) &&
      (!f.onlyChanged || p.changed) &&
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
