// The report options as the clerk sets them, and the checks repeated while they do; core
// (reports/mod.rs) is the authority. Checking here matters more than elsewhere: the backend
// checks only after its save dialog, so a wrong date caught here saves the clerk a dialog.
import type { FormItemRule } from 'element-plus'
import { check } from '@/lib/formRules'

export interface ReportForm {
  asOf: string | null
  periodFrom: string | null
  periodTo: string | null
  sheets: string[]
  fullIdNumbers: boolean
  includeExited: boolean
}

export const yearStart = (asOf: string) => `${asOf.slice(0, 4)}-01-01`

/** The backend's default period: 1 January of the as-of year up to the as-of date. */
export const defaultPeriod = (asOf: string): [string, string] => [yearStart(asOf), asOf]

/** 本年度: as of today, from 1 January. */
export function thisYear(today: string) {
  return { asOf: today, periodFrom: yearStart(today), periodTo: today }
}

/** 上年度: the whole previous year, as of its last day (what an annual report is). */
export function lastYear(today: string) {
  const y = Number(today.slice(0, 4)) - 1
  return { asOf: `${y}-12-31`, periodFrom: `${y}-01-01`, periodTo: `${y}-12-31` }
}

/** Rules that read other fields of the form (the period depends on the as-of date). */
export function reportRules(form: ReportForm): Record<string, FormItemRule[]> {
  return {
    asOf: [
      {
        required: true,
        ...check((v) => (typeof v === 'string' && v !== '' ? null : '请选择统计截止日期。'), 'change'),
      },
    ],
    // One form item shows both ends of the period, so one rule checks the pair.
    periodFrom: [check(() => periodProblem(form), 'change')],
    sheets: [check((v) => (Array.isArray(v) && v.length > 0 ? null : '请至少选择一张工作表。'), 'change')],
  }
}

export function periodProblem(form: ReportForm): string | null {
  const { periodFrom: from, periodTo: to, asOf } = form
  if (!from && !to) return null
  if (!from) return '请同时选择报表期间的开始日期，或开始、结束都不填（默认为统计截止日期所在年度的1月1日至统计截止日期）。'
  if (!to) return '请同时选择报表期间的结束日期，或开始、结束都不填（默认为统计截止日期所在年度的1月1日至统计截止日期）。'
  if (from > to) return '报表期间的开始日期不能晚于结束日期。'
  if (asOf && to > asOf) return `报表期间的结束日期不能晚于统计截止日期 ${asOf}：之后的变动还没有发生。`
  return null
}
