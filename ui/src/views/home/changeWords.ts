// 最近变更 as a clerk reads it: "李文 修改了 张三 的手机号、职务", and a run of the same change
// made together (an import, a batch entry) as one line: "李文 新增了 52 名人员（导入：花名册.xlsx）".
import type { AuditEntry } from '@/bindings'

export interface ChangeLine {
  /** The first (newest) entry's id and time. */
  id: number
  at: string
  text: string
  /** Who, for a run: the names (or summaries) it covers, newest first. */
  items: string[]
  /** Field by field, for a single change: "手机号：（空） → 13800138000". */
  details: string[]
}

const PERSON = '人员'
const shown = (v: string | null) => (v === null || v === '' ? '（空）' : v)
const minute = (at: string) => at.slice(0, 16)
const who = (e: AuditEntry) => (e.operator.trim() === '' ? '未设置操作员' : e.operator)
const from = (e: AuditEntry) => (e.channel === '界面' ? '' : `（${e.channel}）`)

/** Entries made by one operator, from one source, of one kind, in the same minute. */
const together = (a: AuditEntry, b: AuditEntry) =>
  who(a) === who(b) && a.channel === b.channel && a.entity === b.entity && a.action === b.action && minute(a.at) === minute(b.at)

function single(e: AuditEntry): string {
  const fields = [...new Set(e.changes.map((c) => c.field))].join('、')
  if (e.entity === PERSON) {
    if (e.action === '修改') return `${who(e)} 修改了 ${e.summary} 的${fields || '信息'}${from(e)}`
    return `${who(e)} ${e.action}了人员 ${e.summary}${from(e)}`
  }
  const what = e.summary ? `${e.entity}：${e.summary}` : e.entity
  if (e.action === '修改' && fields) return `${who(e)} 修改了${what}（${fields}）${from(e)}`
  return `${who(e)} ${e.action}了${what}${from(e)}`
}

function run(group: AuditEntry[]): string {
  const e = group[0]
  const count = e.entity === PERSON ? `${group.length} 名人员` : `${group.length} 条${e.entity}记录`
  return `${who(e)} ${e.action}了 ${count}${from(e)}`
}

/** Newest first, as `audit::recent` gives them; at most `limit` lines. */
export function changeLines(entries: AuditEntry[], limit = 10): ChangeLine[] {
  const lines: ChangeLine[] = []
  let i = 0
  while (i < entries.length && lines.length < limit) {
    let j = i + 1
    while (j < entries.length && together(entries[i], entries[j])) j++
    const group = entries.slice(i, j)
    const e = group[0]
    lines.push({
      id: e.id,
      at: e.at,
      text: group.length === 1 ? single(e) : run(group),
      items: group.length === 1 ? [] : group.map((g) => g.summary),
      details: group.length === 1 ? e.changes.map((c) => `${c.field}：${shown(c.old)} → ${shown(c.new)}`) : [],
    })
    i = j
  }
  return lines
}
