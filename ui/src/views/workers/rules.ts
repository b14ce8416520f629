// The simple rules of a person record, repeated here so the clerk sees a mistake as it is
// typed. Core (src-tauri/core/src/workers/validate.rs, idcard.rs) is the authority and may
// refuse more; these must never be stricter than core.
import type { FormItemRule } from 'element-plus'
import type { CategoryPosts } from '@/bindings'
import { checkText, required } from '@/lib/formRules'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2']

/** Full-width ASCII to half-width and every kind of space removed, as core does. */
export function compactAscii(input: string): string {
  let out = ''
  for (const ch of input) {
    if (/\s/.test(ch) || ch === '\u200B' || ch === '\uFEFF' || ch === '\u00A0') continue
    const code = ch.codePointAt(0) ?? 0
    out += code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : ch
  }
  return out
}

export function normalizeIdNumber(input: string): string {
  return compactAscii(input).toUpperCase()
}

/** The GB 11643 MOD 11-2 check character of the first 17 digits, or null. */
export function idCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

function realDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * What is wrong with an ID number so far, or null. With `complete` false (the clerk is still
 * typing) only mistakes that more typing cannot fix are reported.
 */
export function idNumberProblem(input: string, complete = true): string | null {
  const v = normalizeIdNumber(input)
  if (v === '') return complete ? '请填写身份证号。' : null
  // As core says it: a number masked in a report cannot be restored.
  if (/[*×]/.test(v))
    return '身份证号中间几位被隐去了（带“*”号），无法还原。请填写完整的 18 位号码；从本程序导出的报表导入时，导出时要选“完整身份证号”。'
  if (v.length > 18) return `身份证号应为 18 位，现在是 ${v.length} 位，请核对。`
  const first17 = v.slice(0, 17)
  if (!/^\d*$/.test(first17)) return '身份证号前 17 位只能是数字，请核对。'
  if (v.length < 18) return complete ? `身份证号应为 18 位，现在是 ${v.length} 位，请核对。` : null
  const last = v[17]
  if (!/^[0-9X]$/.test(last)) return '身份证号最后一位只能是数字或 X，请核对。'
  const birth = v.slice(6, 14)
  if (!realDate(birth)) return `身份证号第 7–14 位的出生日期 ${birth} 不是真实的日期，请核对。`
  if (Number(birth.slice(0, 4)) < 1900) return '身份证号中的出生年份早于 1900 年，请核对。'
  if (idCheckChar(first17) !== last) return '身份证号校验位不正确（可能有一位录错），请逐位核对。'
  return null
}

export function isValidIdNumber(input: string): boolean {
  return idNumberProblem(input, true) === null
}

/** A mainland mobile number as core stores it (11 digits), or null if it is not one. */
export function normalizePhone(input: string): string | null {
  let p = compactAscii(input).replace(/-/g, '')
  if (p.startsWith('+86')) p = p.slice(3)
  return /^1[3-9]\d{9}$/.test(p) ? p : null
}

export function phoneProblem(input: string, complete = true): string | null {
  if (input.trim() === '') return null
  if (normalizePhone(input) !== null) return null
  if (!complete) {
    // While typing: only a wrong character, a wrong start or too many digits.
    // A country code being typed (+, +8, +86) is not a mistake yet.
    const p = compactAscii(input).replace(/-/g, '').replace(/^\+(86?)?/, '')
    const hopeless = !/^\d*$/.test(p) || p.length > 11 || !/^1?$|^1[3-9]/.test(p)
    if (!hopeless) return null
  }
  return '手机号应为 11 位大陆手机号码，以 13–19 开头，例如 13800138000。'
}

/**
 * 人员类别 × 职务 as core checks it (workers/validate.rs), from core's table sent with the
 * vocabulary (`postsByCategory`), with core's message; null when the pair is fine or either
 * is not chosen yet.
 */
export function categoryPositionProblem(category: string, position: string, table: readonly CategoryPosts[]): string | null {
  const own = table.find((t) => t.category === category)
  if (!own || position === '' || (own.positions as readonly string[]).includes(position)) return null
  const holders = table.filter((t) => (t.positions as readonly string[]).includes(position)).map((t) => `“${t.category}”`)
  if (holders.length === 0) return null
  const list = holders.length > 1 ? `${holders.slice(0, -1).join('')}或${holders[holders.length - 1]}` : holders[0]
  const committee = table.find((t) => t.category === '两委专职成员')
  const group = committee && (committee.positions as readonly string[]).includes(position) ? '两委成员' : '社区专职工作人员'
  return `职务“${position}”属于${group}，人员类别应为${list}，请修改人员类别或职务。`
}

export const workerRules: Record<string, FormItemRule[]> = {
  name: [
    required('请填写姓名。', 'blur'),
    checkText(
      (v) => ([...v.trim()].length > 20 ? '姓名不能超过 20 个字。' : /[0-9０-９]/.test(v) ? '姓名中不能有数字，请核对。' : null),
      'change',
    ),
  ],
  idNumber: [
    // Complete check when the clerk leaves the field; while typing, only hopeless mistakes.
    { required: true, ...checkText((v) => idNumberProblem(v, true), 'blur') },
    checkText((v) => idNumberProblem(v, false), 'change'),
  ],
  phone: [
    checkText((v) => phoneProblem(v, true), 'blur'),
    checkText((v) => phoneProblem(v, false), 'change'),
  ],
  ethnicity: [required('请选择民族。')],
  politicalStatus: [required('请选择政治面貌。')],
  education: [required('请选择最高学历。')],
  communityId: [required('请选择所在社区。')],
  category: [required('请选择人员类别。')],
  position: [required('请选择职务。')],
  hiredOn: [required('请填写入职时间。')],
}
