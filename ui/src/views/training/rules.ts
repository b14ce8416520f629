// Checks repeated while the clerk types a training; core (training/) is the authority.
import type { FormItemRule } from 'element-plus'
import { check, required } from '@/lib/formRules'

/** The end of a training cannot come before its start (both YYYY-MM-DD, so text order works). */
export function endNotBeforeStart(start: string | null, end: string | null): string | undefined {
  if (!start || !end) return undefined
  return end < start ? `结束日期（${end}）早于开始日期（${start}），请核对。` : undefined
}

/** 开始日期 / 结束日期 rules for a form with startDate and endDate. */
export function trainingDateRules(form: { startDate: string | null; endDate: string | null }) {
  return {
    startDate: [required('请填写开始日期。')],
    endDate: [required('请填写结束日期。'), check(() => endNotBeforeStart(form.startDate, form.endDate), 'change')] as FormItemRule[],
  }
}
