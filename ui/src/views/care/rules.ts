// Pure helpers for the 关爱 views. Core (src-tauri/core/src/care) is the authority on every
// rule; the checks here only catch the obvious before a round trip.
import type { FormItemRule } from 'element-plus'
import type { CheckupAttendeeInput, Difficulty, RosterRow } from '@/bindings'
import { check, required, textOrNull } from '@/lib/formRules'
import { DifficultyStatus, VisitForm } from '@/vocab'

/** Who care reaches: people in post and retired workers (core's WorkerStatus::CARE). */
export { CARE_STATUSES } from '@/vocab'

/** 已解决 is the one status that closes a difficulty (needs 解决日期 and 办理结果). */
export const SOLVED = DifficultyStatus.Solved

/** The form that needs an amount per recipient. */
export const CASH_FORM = VisitForm.Cash

/** The years a clerk picks from: next year (春节 visits are often entered in December), this year and a few before. */
export function careYears(thisYear: number, back = 5): number[] {
  return Array.from({ length: back + 2 }, (_, i) => thisYear + 1 - i)
}

/** A date to offer in a new form: today when the chosen year is this year, else none. */
export function defaultDate(year: number, today: string): string | null {
  return Number(today.slice(0, 4)) === year ? today : null
}

/** 500, 500.5, 500.50, 500元: the amounts core accepts (visits.rs yuan_to_fen). */
const YUAN = /^\d+(\.\d{1,2})?\s*元?$/

/** The client's check of a typed amount: null when fine. The text itself is sent unchanged. */
export function amountProblem(form: string, amount: string): string | null {
  const t = amount.trim()
  if (t === '') return form === CASH_FORM ? '慰问形式为“慰问金”时，请填写每人的慰问金额（元）。' : null
  if (t.startsWith('-')) return '慰问金额不能为负数。'
  if (/^\d+\.\d{3,}\s*元?$/.test(t)) return '慰问金额最多保留两位小数（到分）。'
  if (!YUAN.test(t)) return `慰问金额“${t}”不是有效金额，请填写以元为单位的数字，例如 500 或 300.50。`
  return null
}

/** The page's checks of a visit's own fields (visits/fields.vue); core checks them again. */
export const visitRules = (form: { form: string; amount: string }): Record<string, FormItemRule[]> => ({
  visitDate: [required('请填写走访日期。')],
  form: [required('请选择慰问形式。')],
  amount: [check(() => amountProblem(form.form, form.amount))],
})

/** Amount for a table cell: yuan text from core, or a dash. */
export const yuanText = (amount: string | null | undefined) => (amount ? amount : '—')

/** A person picked for a record, as the form shows them until it is saved. */
export interface PickedPerson {
  workerId: number
  name: string
  communityName: string
}

/** Picker rows as picked people. */
export const pickedPeople = (rows: readonly RosterRow[]): PickedPerson[] =>
  rows.map((r) => ({ workerId: r.id, name: r.name, communityName: r.communityName }))

/** One line of a check-up list being entered: the picked person and what the clerk ticks. */
export interface AttendeeLine extends PickedPerson {
  status: string
  attended: boolean
  needsAttention: boolean
  note: string
}

/** Picked people become lines that default to 已参检 (most of a round's list attends). */
export function attendeeLines(rows: readonly RosterRow[]): AttendeeLine[] {
  return rows.map((r) => ({
    workerId: r.id,
    name: r.name,
    communityName: r.communityName,
    status: r.status,
    attended: true,
    needsAttention: false,
    note: '',
  }))
}

/**
 * What core receives. 需关注 only for someone checked, and a note only with 需关注 (core
 * rejects either otherwise): an unticked box drops what depended on it.
 */
export function attendeeInputs(lines: readonly AttendeeLine[]): CheckupAttendeeInput[] {
  return lines.map((l) => {
    const needsAttention = l.attended && l.needsAttention
    return {
      workerId: l.workerId,
      attended: l.attended,
      needsAttention,
      note: needsAttention ? textOrNull(l.note) : null,
    }
  })
}

/** Adds newly picked people to a list, skipping anyone already on it. */
export function mergePicked<T extends { workerId: number }>(list: readonly T[], picked: readonly T[]): T[] {
  const have = new Set(list.map((l) => l.workerId))
  return [...list, ...picked.filter((p) => !have.has(p.workerId))]
}

/** The row class that highlights a difficulty open more than 30 days. */
export const difficultyRowClass = ({ row }: { row: Difficulty }) => (row.flagged ? 'care-flagged-row' : '')
