// How a contract shows on the 合同 tab: takes what core derived for a date (phase, flags,
// review, end) and gives words and tag colours, and which actions to offer. No rule is decided
// here: the law's checks, the flags and 合同到期未续 come from core.
import type { Contract, ContractFlagKind as FlagKind } from '@/bindings'
import type { TagType } from './display'
import { ContractFlagKind, ContractPhase } from '@/vocab'
import type { FlagTag } from './secondments'

const FLAG_TYPES: Record<FlagKind, TagType> = {
  [ContractFlagKind.OpenEndedRight]: 'warning',
  [ContractFlagKind.PastRetirement]: 'danger',
  [ContractFlagKind.EndingSoon]: 'warning',
  [ContractFlagKind.ExpiredNotRenewed]: 'danger',
  [ContractFlagKind.ProbationUnreviewed]: 'primary',
}

/** The contract's flags as tags, with core's sentence on hover. */
export function contractFlags(c: Contract): FlagTag[] {
  return c.flags.map((f) => ({ label: f.kind, type: FLAG_TYPES[f.kind], title: f.message }))
}

/** 2026-03-01 至 2029-02-28, or 2026-03-01 起（无固定期限）. */
export function termText(c: Pick<Contract, 'startOn' | 'endOn'>): string {
  return c.endOn ? `${c.startOn} 至 ${c.endOn}` : `${c.startOn} 起（无固定期限）`
}

/** Where the contract stands, in words: 履行中（试用期）, 已到期（已续签）, 已解除（辞职） … */
export function phaseText(c: Contract): { label: string; type: TagType } {
  switch (c.phase) {
    case ContractPhase.Ended:
      return { label: `已${c.endKind ?? '终止'}（${c.endReason ?? ''}）`, type: 'info' }
    case ContractPhase.Expired:
      return c.renewedBy !== null ? { label: '已到期（已续签）', type: 'info' } : { label: '已到期', type: 'danger' }
    case ContractPhase.InForce:
      return c.inProbation ? { label: '履行中（试用期）', type: 'warning' } : { label: '履行中', type: 'success' }
    default:
      return { label: c.phase, type: 'info' }
  }
}

/** The probation column: none, its end, and the outcome once recorded. */
export function probationText(c: Contract): string {
  if (!c.probationEnd) return '无'
  const review = c.review ? `；${c.review.reviewedOn} ${c.review.outcome}` : '；未考核'
  return `至 ${c.probationEnd}${review}`
}

/** What a row offers: 终止/解除 the latest open contract, 试用期考核 once, 删除 when core allows. */
export function contractActions(c: Contract): { end: boolean; review: boolean; remove: boolean } {
  const open = c.endedOn === null && c.renewedBy === null
  return {
    end: open && c.phase !== ContractPhase.NotStarted,
    review: open && c.probationEnd !== null && c.review === null,
    remove: c.deleteRefusal === null,
  }
}

/** The reminder days as the settings field shows them: 60、30、7. */
export const reminderDaysText = (days: number[]): string => days.join('、')

/**
 * The reminder days the clerk typed (separated by 、, commas or spaces), or the message core
 * would give. Core checks again and is the authority.
 */
export function parseReminderDays(text: string): { days: number[] } | { error: string } {
  const parts = text.split(/[、,，\s]+/).filter((p) => p !== '')
  if (parts.length === 0) return { error: '请至少填写一个合同到期提醒天数，例如 60、30、7。' }
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) < 1 || Number(p) > 366)
  if (bad !== undefined) return { error: `合同到期提醒天数须是 1 至 366 之间的整数，“${bad}”不符合。` }
  const days = parts.map(Number)
  if (days.some((d, i) => i > 0 && days[i - 1] <= d)) return { error: '合同到期提醒天数须从大到小排列且不重复，例如 60、30、7。' }
  return { days }
}
