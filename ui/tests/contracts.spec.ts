import { describe, expect, it } from 'vitest'
import type { Contract } from '@/bindings'
import { contractActions, contractFlags, parseReminderDays, phaseText, probationText, termText } from '@/lib/contracts'

const base: Contract = {
  id: 3,
  workerId: 7,
  workerName: '张三',
  communityName: '幸福社区',
  previousId: null,
  renewedBy: null,
  sequence: 1,
  kind: '固定期限',
  signingParty: '翠苑街道',
  dispatchCompany: null,
  startOn: '2026-03-01',
  endOn: '2029-02-28',
  probationEnd: '2026-08-31',
  endedOn: null,
  endReason: null,
  endKind: null,
  remarks: null,
  review: null,
  asOf: '2026-06-15',
  phase: '履行中',
  inProbation: true,
  daysLeft: 989,
  flags: [],
  deleteRefusal: null,
}

describe('a contract on the 合同 tab', () => {
  it('says where it stands from what core derived', () => {
    expect(phaseText(base)).toEqual({ label: '履行中（试用期）', type: 'warning' })
    expect(phaseText({ ...base, inProbation: false }).label).toBe('履行中')
    expect(phaseText({ ...base, phase: '已到期', renewedBy: 4 }).label).toBe('已到期（已续签）')
    expect(phaseText({ ...base, phase: '已到期' })).toEqual({ label: '已到期', type: 'danger' })
    const ended = { ...base, phase: '已终止' as const, endedOn: '2026-06-01', endReason: '辞职', endKind: '解除' as const }
    expect(phaseText(ended).label).toBe('已解除（辞职）')
  })

  it('writes the term and the probation with its outcome', () => {
    expect(termText(base)).toBe('2026-03-01 至 2029-02-28')
    expect(termText({ ...base, endOn: null })).toBe('2026-03-01 起（无固定期限）')
    expect(probationText(base)).toBe('至 2026-08-31；未考核')
    const review = { id: 1, contractId: 3, reviewedOn: '2026-08-31', outcome: '转正' as const, remarks: null }
    expect(probationText({ ...base, review })).toBe('至 2026-08-31；2026-08-31 转正')
    expect(probationText({ ...base, probationEnd: null })).toBe('无')
  })

  it('offers 终止/解除 and 试用期考核 only on the open contract, 删除 when core allows', () => {
    expect(contractActions(base)).toEqual({ end: true, review: true, remove: true })
    const renewed = { ...base, renewedBy: 4, deleteRefusal: '只能删除此人最近一份误录的合同' }
    expect(contractActions(renewed)).toEqual({ end: false, review: false, remove: false })
    const reviewed = { ...base, review: { id: 1, contractId: 3, reviewedOn: '2026-06-10', outcome: '转正' as const, remarks: null } }
    expect(contractActions(reviewed).review).toBe(false)
    expect(contractActions({ ...base, phase: '未开始' }).end).toBe(false)
  })

  it('shows core’s flags with the law’s sentence on hover', () => {
    const flags = [{ kind: '可要求无固定期限' as const, message: '……（劳动合同法第十四条第二款第三项）' }]
    expect(contractFlags({ ...base, flags })).toEqual([
      { label: '可要求无固定期限', type: 'warning', title: '……（劳动合同法第十四条第二款第三项）' },
    ])
  })
})

describe('contract reminder days', () => {
  it('read 60、30、7 in any separator, largest first', () => {
    expect(parseReminderDays('60、30、7')).toEqual({ days: [60, 30, 7] })
    expect(parseReminderDays(' 90, 14 ')).toEqual({ days: [90, 14] })
  })

  it('say what to fix, as core does', () => {
    expect(parseReminderDays('')).toEqual({ error: '请至少填写一个合同到期提醒天数，例如 60、30、7。' })
    expect(parseReminderDays('30、0')).toEqual({ error: '合同到期提醒天数须是 1 至 366 之间的整数，“0”不符合。' })
    expect(parseReminderDays('7、30')).toEqual({ error: '合同到期提醒天数须从大到小排列且不重复，例如 60、30、7。' })
    expect(parseReminderDays('30、30')).toHaveProperty('error')
    expect(parseReminderDays('三十')).toHaveProperty('error')
  })
})
