import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '@/bindings'
import { changeLines } from '@/views/home/changeWords'

let nextId = 100
const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: nextId--,
  at: '2026-12-05 09:15:20',
  operator: '王晓',
  channel: '界面',
  entity: '人员',
  action: '修改',
  summary: '张三',
  changes: [],
  ...over,
})

describe('最近变更 in words', () => {
  it('says who changed what of whom', () => {
    const lines = changeLines([
      entry({ changes: [{ field: '手机号', old: '13800138000', new: '13900139000' }] }),
      entry({ action: '新增', summary: '李四', at: '2026-12-05 09:10:00' }),
      entry({ action: '删除', summary: '王五', operator: '', at: '2026-12-05 09:05:00' }),
      entry({ entity: '培训班次', action: '新增', summary: '2026年社工能力提升班', at: '2026-12-05 09:00:00' }),
      entry({ entity: '社区', summary: '和平社区', changes: [{ field: '城镇常住人口', old: '8000', new: '8350' }], at: '2026-12-04 17:00:00' }),
    ])
    expect(lines.map((l) => l.text)).toEqual([
      '王晓 修改了 张三 的手机号',
      '王晓 新增了人员 李四',
      '未设置操作员 删除了人员 王五',
      '王晓 新增了培训班次：2026年社工能力提升班',
      '王晓 修改了社区：和平社区（城镇常住人口）',
    ])
    expect(lines[0].details).toEqual(['手机号：13800138000 → 13900139000'])
  })

  it('makes one line of a run made together, naming its people, and keeps the source', () => {
    const imported = ['赵一', '钱二', '孙三'].map((summary) =>
      entry({ action: '新增', summary, channel: '导入：花名册.xlsx', at: '2026-12-05 10:00:05' }),
    )
    const lines = changeLines([
      ...imported,
      entry({ action: '新增', summary: '周四', channel: '导入：花名册.xlsx', at: '2026-12-05 09:58:00' }),
      entry({ entity: '年度考核', action: '新增', summary: '张三 2025 年度', at: '2026-12-05 09:30:00' }),
      entry({ entity: '年度考核', action: '新增', summary: '李四 2025 年度', at: '2026-12-05 09:30:40' }),
    ])
    expect(lines.map((l) => l.text)).toEqual([
      '王晓 新增了 3 名人员（导入：花名册.xlsx）',
      '王晓 新增了人员 周四（导入：花名册.xlsx）',
      '王晓 新增了 2 条年度考核记录',
    ])
    expect(lines[0].items).toEqual(['赵一', '钱二', '孙三'])
    expect(lines[0].details).toEqual([])
  })

  it('stops at the number of lines asked for', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry({ summary: `人员${i}`, at: `2026-12-05 09:${String(59 - i).padStart(2, '0')}:00` }))
    expect(changeLines(many, 10)).toHaveLength(10)
  })
})
