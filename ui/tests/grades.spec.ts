import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AssessmentResult, AssessmentSheetRow, GradeRun, GradeVocabulary, Proposal, Scheme } from '@/bindings'
import { communities, vocabulary } from './fixtures'
import { answerBox, body, mountView, settle } from './mount'

vi.mock('@/api/grades', () => ({
  proposeGrades: vi.fn(),
  applyGrades: vi.fn(),
  listSchemes: vi.fn(),
  assessmentSheet: vi.fn(),
  saveAssessments: vi.fn(),
  getGradeVocabulary: vi.fn(),
  lastGradeRun: vi.fn(),
  undoGradeRun: vi.fn(),
}))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
vi.mock('@/api/care', () => ({ getCareVocabulary: vi.fn() }))

import * as grades from '@/api/grades'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import { defaultRunDate, filterProposals, gradeText, missingAssessmentYears, schemeOn } from '@/views/grades/display'
import { resetRunState } from '@/views/grades/runState'
import Run from '@/views/grades/run.vue'
import Assessments from '@/views/grades/assessments.vue'

const gradeVocabulary: GradeVocabulary = {
  assessmentResults: ['优秀', '合格', '基本合格', '不合格'],
  gradeReasons: ['定级', '年限晋升', '职业水平提升', '学历提升', '岗位晋升', '考核调整', '手工调整'],
  certificateTimings: [],
  certificateModes: [],
}

const SCHEME: Scheme = {
  id: 3,
  isTemplate: false,
  name: '翠苑街道三岗十八级',
  effectiveFrom: '2022-01-01',
  remarks: null,
  categories: [
    { name: '正职', minLevel: 7, maxLevel: 18 },
    { name: '其他社区工作者', minLevel: 1, maxLevel: 12 },
  ],
  mapping: [],
}

function proposal(workerId: number, name: string, changed: boolean, communityId = 1): Proposal {
  return {
    workerId,
    name,
    communityId,
    communityName: communityId === 1 ? '东风社区' : '西湖社区',
    position: '委员',
    current: { category: '其他社区工作者', level: 3, effectiveDate: '2025-01-01', reason: '年限晋升', schemeName: SCHEME.name },
    category: '其他社区工作者',
    level: changed ? 4 : 3,
    changed,
    reason: changed ? '年限晋升' : null,
    lines: ['社区工作年限满 9 年 +3 级', '2025 年度考核不合格，当年不计'],
    attention: [],
  }
}

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(grades.getGradeVocabulary).mockResolvedValue(gradeVocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(grades.listSchemes).mockResolvedValue([SCHEME])
  vi.mocked(grades.proposeGrades).mockResolvedValue([proposal(1, '张三', true), proposal(2, '李四', false, 2)])
  vi.mocked(grades.applyGrades).mockResolvedValue({ written: 2, overridden: 1, unchanged: 0, runId: 7 })
  vi.mocked(grades.lastGradeRun).mockResolvedValue(null)
  resetRunState()
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('grade helpers', () => {
  it('writes grades and filters the run', () => {
    expect(gradeText(null)).toBe('未定级')
    expect(gradeText({ category: '正职', level: 9 })).toBe('正职 9 级')
    const rows = [proposal(1, '张三', true), proposal(2, '李四', false, 2)]
    expect(filterProposals(rows, { communityId: null, onlyChanged: true, search: '' }).map((p) => p.name)).toEqual(['张三'])
    expect(filterProposals(rows, { communityId: 2, onlyChanged: false, search: '' }).map((p) => p.name)).toEqual(['李四'])
  })

  it('finds the scheme in effect, never a template', () => {
    const template = { ...SCHEME, id: 1, isTemplate: true, effectiveFrom: null }
    const later = { ...SCHEME, id: 4, effectiveFrom: '2027-01-01' }
    expect(schemeOn([template, SCHEME, later], '2026-11-22')?.id).toBe(3)
    expect(schemeOn([template, SCHEME, later], '2027-01-01')?.id).toBe(4)
    expect(schemeOn([template], '2026-11-22')).toBeNull()
  })
})

const RUN: GradeRun = {
  id: 7,
  asOf: '2026-01-01',
  appliedAt: '2026-01-05 09:30:00',
  written: 2,
  overridden: 1,
  undoRefusal: null,
}

describe('promotion run date and 需核对', () => {
  it('defaults to this 1 January in the first half of the year, the next one after', () => {
    expect(defaultRunDate(new Date(2026, 0, 1))).toBe('2026-01-01')
    expect(defaultRunDate(new Date(2026, 5, 30))).toBe('2026-01-01')
    expect(defaultRunDate(new Date(2026, 6, 1))).toBe('2027-01-01')
    expect(defaultRunDate(new Date(2026, 11, 6))).toBe('2027-01-01')
  })

  it('counts the people missing each year of assessments', () => {
    const p = (id: number, attention: string[]) => ({ ...proposal(id, `人${id}`, false), attention })
    const years = missingAssessmentYears([
      p(1, ['2025 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果']),
      p(2, ['2025 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果', '证书未填取得日期']),
      p(3, ['2024 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果']),
      p(4, []),
    ])
    expect(years).toEqual([
      { year: 2024, people: 1 },
      { year: 2025, people: 2 },
    ])
  })
})

describe('promotion run', () => {
  it('explains 需核对 with a link to the missing year, and keeps the result after leaving the page', async () => {
    const missing = { ...proposal(2, '李四', false, 2), attention: ['2025 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果'] }
    vi.mocked(grades.proposeGrades).mockResolvedValue([proposal(1, '张三', true), missing])
    const first = mountView(Run)
    await settle()
    await first.wrapper.find('[data-test=run-propose]').trigger('click')
    await settle()
    const help = first.wrapper.find('[data-test=run-attention-help]')
    expect(help.text()).toContain('需核对 1 人')
    expect(help.text()).toContain('2025 年度考核结果未录入 1 人')
    expect(help.find('[data-test=run-missing-2025]').attributes('href')).toContain('tab=assessments')
    await help.find('[data-test=run-only-attention] input').setValue(true)
    await settle()
    expect(first.wrapper.find('[data-test=run-table]').text()).toContain('李四')
    // Unticked: back to only the changes, as before.
    await help.find('[data-test=run-only-attention] input').setValue(false)
    await settle()
    expect(first.wrapper.find('[data-test=run-table]').text()).not.toContain('李四')
    await help.find('[data-test=run-only-attention] input').setValue(true)
    await settle()
    first.wrapper.unmount()

    // Back on the page: the same run, not run again.
    const second = mountView(Run)
    await settle()
    expect(second.wrapper.find('[data-test=run-table]').text()).toContain('李四')
    expect(grades.proposeGrades).toHaveBeenCalledTimes(1)
  })

  it('offers to undo the last written run, and says why when it cannot', async () => {
    vi.mocked(grades.lastGradeRun).mockResolvedValue(RUN)
    vi.mocked(grades.undoGradeRun).mockResolvedValue(2)
    const { wrapper } = mountView(Run)
    await settle()
    expect(wrapper.find('[data-test=run-last]').text()).toContain('生效日期 2026-01-01，2 条等级记录')
    vi.mocked(grades.lastGradeRun).mockResolvedValue(null)
    await wrapper.find('[data-test=run-undo]').trigger('click')
    await answerBox('撤销写入')
    expect(grades.undoGradeRun).toHaveBeenCalledWith(7)
    expect(wrapper.find('[data-test=run-last]').exists()).toBe(false)

    wrapper.unmount()
    vi.mocked(grades.lastGradeRun).mockResolvedValue({ ...RUN, undoRefusal: '本次写入之后又登记了这些人的岗位等级记录' })
    const again = mountView(Run)
    await settle()
    expect(again.wrapper.find('[data-test=run-undo]').attributes('disabled')).toBeDefined()
  })


  it('shows the changed lines with reasons, takes an override with a reason, and applies both', async () => {
    const { wrapper } = mountView(Run)
    await settle()
    await wrapper.find('[data-test=run-propose]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test=run-summary]').text()).toContain('等级变动 1 人')
    const table = wrapper.find('[data-test=run-table]').text()
    expect(table).toContain('张三')
    expect(table).toContain('社区工作年限满 9 年 +3 级')
    expect(table).not.toContain('李四') // only changes by default

    await wrapper.find('[data-test=run-override-1]').trigger('click')
    await settle()
    // Without a reason the override is refused on the page.
    await body().find('[data-test=override-save]').trigger('click')
    await settle()
    expect(body().text()).toContain('请写明手工调整的理由')
    await body().find('[data-test=override-reason] textarea').setValue('按原台账确定')
    await body().find('[data-test=override-save]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test=run-table]').text()).toContain('手工调整')

    await wrapper.find('[data-test=run-apply]').trigger('click')
    await answerBox('确认写入')
    expect(grades.applyGrades).toHaveBeenCalledWith(expect.any(String), [
      { workerId: 1, category: '其他社区工作者', level: 4, reason: '按原台账确定' },
    ])
    // The run is made again after writing, so the clerk sees nothing left to change.
    expect(grades.proposeGrades).toHaveBeenCalledTimes(2)
  })
})

describe('annual assessment', () => {
  const row = (workerId: number, name: string, saved: boolean, result: AssessmentResult = '合格'): AssessmentSheetRow => ({
    workerId,
    name,
    communityId: 1,
    communityName: '东风社区',
    position: '委员',
    saved,
    result,
    politicalScore: null,
    performanceScore: null,
    satisfactionScore: null,
    remarks: null,
  })

  it('sends the whole table once, unsaved rows as 合格', async () => {
    vi.mocked(grades.assessmentSheet).mockResolvedValue([row(1, '张三', true, '优秀'), row(2, '李四', false)])
    vi.mocked(grades.saveAssessments).mockResolvedValue({ created: 1, updated: 0, unchanged: 1 })
    const { wrapper } = mountView(Assessments)
    await settle()
    const year = new Date().getFullYear() - 1
    expect(grades.assessmentSheet).toHaveBeenCalledWith(year, null)
    expect(wrapper.find('[data-test=assess-counts]').text()).toContain('1 人尚未保存')
    await wrapper.find('[data-test=assess-save]').trigger('click')
    await settle()
    expect(grades.saveAssessments).toHaveBeenCalledWith({
      year,
      rows: [
        { workerId: 1, result: '优秀', politicalScore: null, performanceScore: null, satisfactionScore: null, remarks: null },
        { workerId: 2, result: '合格', politicalScore: null, performanceScore: null, satisfactionScore: null, remarks: null },
      ],
    })
    expect(body().text()).toContain('新增 1 人')
  })
})
