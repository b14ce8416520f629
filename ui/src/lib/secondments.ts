// How a secondment's flags show (借调, 第17条): takes the booleans core derived for a date
// (Secondment, or a roster row's AwayTag) and gives tags with their colour. No rule is decided
// here: 未经批准, 逾期未归 and 补批 come from core.
import type { AwayTag, Secondment } from '@/bindings'
import type { TagType } from './display'
import { ApprovalStatus, SecondmentPhase } from '@/vocab'

export interface FlagTag {
  label: string
  type: TagType
  /** The longer explanation, shown on hover. */
  title?: string
}

const UNAPPROVED: FlagTag = { label: ApprovalStatus.Unapproved, type: 'danger' }
const OVERDUE: FlagTag = { label: '逾期未归', type: 'warning' }

/** The flags of one secondment on its date: 未经批准, 逾期未归, and a late approval (补批). */
export function secondmentFlags(s: Secondment): FlagTag[] {
  const out: FlagTag[] = []
  if (s.approvalStatus === ApprovalStatus.Unapproved) out.push(UNAPPROVED)
  if (s.overdue) out.push(OVERDUE)
  if (s.approvedLate && s.approval) {
    out.push({ label: '补批', type: 'info', title: `${s.approval.approvedOn} 批准；${s.startOn} 至批准前一日未经批准` })
  }
  return out
}

/** The roster row's tags for a person away on the list's date (none when not away). */
export function awayTags(tag: AwayTag | null | undefined): FlagTag[] {
  if (!tag) return []
  const out: FlagTag[] = [{ label: SecondmentPhase.Away, type: 'primary' }]
  if (tag.unapproved) out.push(UNAPPROVED)
  if (tag.overdue) out.push(OVERDUE)
  return out
}

/** The el-tag colour of where a secondment stands. */
export function phaseTagType(phase: SecondmentPhase): TagType {
  return phase === SecondmentPhase.Away ? 'primary' : 'info'
}

/**
 * What can still be recorded on a secondment: its approval until it has one (core refuses one
 * dated after the return) and the return until it is recorded.
 */
export function secondmentActions(s: Secondment): { approve: boolean; recordReturn: boolean } {
  return { approve: s.approval === null, recordReturn: s.returnedOn === null }
}
