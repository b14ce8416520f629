import { describe, expect, it } from 'vitest'
import type { Secondment } from '@/bindings'
import { awayTags, phaseTagType, secondmentActions, secondmentFlags } from '@/lib/secondments'

const base: Secondment = {
  id: 1,
  workerId: 7,
  workerName: '张三',
  communityId: 1,
  communityName: '东风社区',
  kind: '借调',
  unit: '翠苑街道党群服务中心',
  unitLevel: '街道（乡镇）及所属单位',
  reason: '协助经济普查',
  startOn: '2026-03-01',
  plannedEnd: '2026-05-31',
  returnedOn: null,
  approval: null,
  remarks: null,
  asOf: '2026-06-15',
  phase: '借调在外',
  approvalStatus: '未经批准',
  overdue: true,
  approvedLate: false,
}

describe('secondment flags', () => {
  it('mark an unapproved overdue secondment with both', () => {
    expect(secondmentFlags(base).map((f) => [f.label, f.type])).toEqual([
      ['未经批准', 'danger'],
      ['逾期未归', 'warning'],
    ])
  })

  it('say when an approval came late and nothing for an ordinary approved one', () => {
    const approval = { approvedBy: '西湖区委社会工作部', approvalNo: '西社工〔2026〕3号', approvedOn: '2026-04-10' }
    const late: Secondment = { ...base, approval, approvalStatus: '已批准', overdue: false, approvedLate: true }
    expect(secondmentFlags(late).map((f) => [f.label, f.title])).toEqual([
      ['补批', '2026-04-10 批准；2026-03-01 至批准前一日未经批准'],
    ])
    expect(secondmentFlags({ ...late, approvedLate: false })).toEqual([])
  })

  it('tag a roster row only when the person is away', () => {
    expect(awayTags(null)).toEqual([])
    expect(awayTags({ unapproved: false, overdue: false }).map((f) => f.label)).toEqual(['借调在外'])
    expect(awayTags({ unapproved: true, overdue: true }).map((f) => f.label)).toEqual(['借调在外', '未经批准', '逾期未归'])
  })

  it('offer approval until there is one and the return until it is recorded', () => {
    expect(secondmentActions(base)).toEqual({ approve: true, recordReturn: true })
    const back = { ...base, returnedOn: '2026-06-01', phase: '已归队' as const }
    expect(secondmentActions(back)).toEqual({ approve: true, recordReturn: false })
    const approval = { approvedBy: '西湖区委社会工作部', approvalNo: '西社工〔2026〕3号', approvedOn: '2026-02-20' }
    expect(secondmentActions({ ...back, approval })).toEqual({ approve: false, recordReturn: false })
    expect(phaseTagType(back.phase)).toBe('info')
    expect(phaseTagType(base.phase)).toBe('primary')
  })
})
