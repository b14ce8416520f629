import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { GradeRules, GradeVocabulary, SalaryCell, SalaryTotals, Scheme, UnitTotal } from '@/bindings'
import { vocabulary } from './fixtures'
import { answerBox, body, mountView, settle } from './mount'
import { errorNextTo, input, pick } from './formKit'

vi.mock('@/api/grades', () => ({
  getGradeVocabulary: vi.fn(),
  listSchemes: vi.fn(),
  createScheme: vi.fn(),
  updateScheme: vi.fn(),
  deleteScheme: vi.fn(),
  getGradeRules: vi.fn(),
  saveGradeRules: vi.fn(),
  listSalaryVersions: vi.fn(),
  generateSalaryAmounts: vi.fn(),
  createSalaryVersion: vi.fn(),
  updateSalaryVersion: vi.fn(),
  salaryTotals: vi.fn(),
}))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
vi.mock('@/api/care', () => ({ getCareVocabulary: vi.fn() }))

import * as grades from '@/api/grades'
import { getVocabulary } from '@/api/settings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import { buildGrid, gridCells, pasteBlock } from '@/views/grades/salary-grid'
import Schemes from '@/views/grades/schemes.vue'
import Salary from '@/views/grades/salary.vue'
import GradeRulesView from '@/views/grades/grade-rules.vue'

const gradeVocabulary: GradeVocabulary = {
  assessmentResults: ['优秀', '合格', '基本合格', '不合格'],
  gradeReasons: ['定级', '年限晋升'],
  certificateTimings: ['次月起', '下一晋级日起'],
  certificateModes: ['晋升等级', '证书津贴'],
}

const TEMPLATE: Scheme = {
  id: 1,
  isTemplate: true,
  name: '三岗十八级（模板）',
  effectiveFrom: null,
  remarks: '模板，请按本地文件调整后使用',
  categories: [
    { name: '正职', minLevel: 7, maxLevel: 18 },
    { name: '副职', minLevel: 4, maxLevel: 15 },
    { name: '其他社区工作者', minLevel: 1, maxLevel: 12 },
  ],
  mapping: [
    { position: '书记', category: '正职' },
    { position: '主任', category: '正职' },
    { position: '书记兼主任', category: '正职' },
    { position: '副书记', category: '副职' },
    { position: '副主任', category: '副职' },
    { position: '委员', category: '其他社区工作者' },
    { position: '专职工作人员', category: '其他社区工作者' },
  ],
}

// A small scheme in use, so the salary grid stays small: 正职 7–9, 工作人员 1–3.
const IN_USE: Scheme = {
  id: 3,
  isTemplate: false,
  name: '翠苑街道岗位等级（2022 版）',
  effectiveFrom: '2022-01-01',
  remarks: null,
  categories: [
    { name: '正职', minLevel: 7, maxLevel: 9 },
    { name: '工作人员', minLevel: 1, maxLevel: 3 },
  ],
  mapping: TEMPLATE.mapping.map((m) => ({ ...m, category: m.category === '正职' ? '正职' : '工作人员' })),
}

const RULES: GradeRules = {
  yearsPerLevel: 3,
  degreeCredits: [
    { education: '博士研究生', years: 7 },
    { education: '硕士研究生', years: 5 },
    { education: '大学本科', years: 3 },
  ],
  certificateRules: [
    { kind: '助理社会工作师', levels: 1, allowance: '200.00' },
    { kind: '社会工作师', levels: 2, allowance: '400.00' },
    { kind: '高级社会工作师', levels: 3, allowance: '600.00' },
  ],
  certificateCumulative: false,
  certificateTiming: '次月起',
  certificateMode: '晋升等级',
  promotionMonth: 1,
  promotionDay: 1,
  excellentYears: 2,
  excellentMaxTimes: 2,
  interruptionResets: false,
}

function unit(communityId: number | null, name: string, monthlyFen: number, annualFen: number): UnitTotal {
  return {
    communityId,
    name,
    people: 1,
    withoutStandard: 0,
    monthlyFen,
    monthly: (monthlyFen / 100).toFixed(2),
    annualFen,
    annual: (annualFen / 100).toFixed(2),
  }
}

const TOTALS: SalaryTotals = {
  asOf: '2025-08-01',
  year: 2025,
  communities: [unit(1, '东风社区', 356400, 4082400)],
  street: unit(null, '全街道', 356400, 4082400),
}

/** 1.00 + 0.04 × (level − 1) on 3000 yuan, as core generates it. */
const generated = (scheme: Scheme): SalaryCell[] =>
  scheme.categories.flatMap((c) =>
    Array.from({ length: c.maxLevel - c.minLevel + 1 }, (_, i) => {
      const level = c.minLevel + i
      return { category: c.name, level, amount: ((300000 * (100 + 4 * (level - 1))) / 10000).toFixed(2) }
    }),
  )

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(grades.getGradeVocabulary).mockResolvedValue(gradeVocabulary)
  vi.mocked(grades.listSchemes).mockResolvedValue([TEMPLATE, IN_USE])
  vi.mocked(grades.listSalaryVersions).mockResolvedValue([])
  vi.mocked(grades.salaryTotals).mockResolvedValue(TOTALS)
  vi.mocked(grades.getGradeRules).mockResolvedValue(structuredClone(RULES))
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const click = async (dataTest: string) => {
  await body().find(`[data-test=${dataTest}]`).trigger('click')
  await settle()
}

describe('salary grid helpers', () => {
  it('keeps amounts of a category the scheme lacks, and drops none silently', () => {
    const grid = buildGrid(IN_USE.categories, [
      { category: '正职', level: 8, amount: '3840.00' },
      { category: '正职', level: 12, amount: '9.00' },
      { category: '副职', level: 5, amount: '3480.00' },
    ])
    expect(grid.rows.map((r) => [r.category, r.minLevel, r.maxLevel, r.inScheme])).toEqual([
      ['正职', 7, 9, true],
      ['工作人员', 1, 3, true],
      ['副职', 5, 5, false],
    ])
    expect(grid.outside).toEqual([{ category: '正职', level: 12, amount: '9.00' }])
    // Every cell of each range is sent, a blank one too (core then names it).
    expect(gridCells(grid.rows).slice(0, 3)).toEqual([
      { category: '正职', level: 7, amount: '' },
      { category: '正职', level: 8, amount: '3840.00' },
      { category: '正职', level: 9, amount: '' },
    ])
  })

  it('pastes a block copied from Excel within the ranges only', () => {
    const { rows } = buildGrid(IN_USE.categories, [])
    // From 正职 8 级: 8, 9 and a value for 10 (outside); next line 工作人员 8… (outside).
    expect(pasteBlock(rows, 0, 8, '3840\t3960\t4080\r\n1\t2\r\n')).toBe(2)
    expect(rows[0].amounts).toEqual({ 8: '3840', 9: '3960' })
    expect(pasteBlock(rows, 1, 1, '3000')).toBe(0) // one value: the input takes it itself
  })
})

describe('薪酬标准', () => {
  it('generates the grid from a base amount and saves the cells as typed', async () => {
    vi.mocked(grades.generateSalaryAmounts).mockResolvedValue(generated(IN_USE))
    vi.mocked(grades.createSalaryVersion).mockImplementation(async (v) => ({ id: 9, ...v }))
    const { wrapper } = mountView(Salary)
    await settle()
    expect(grades.salaryTotals).toHaveBeenCalledTimes(1)
    const totals = wrapper.find('[data-test=salary-totals]').text()
    expect(totals).toContain('东风社区')
    expect(totals).toContain('全街道')
    expect(totals).toContain('40,824.00')
    expect(wrapper.text()).toContain('从不改变以前各月')

    await click('salary-new')
    await input('salary-name').setValue('2025 年社区工作者薪酬标准')
    pick(wrapper, 'salary-effective', '2025-07-01')
    await input('salary-base').setValue('3000')
    await click('salary-generate')
    // The scheme in effect today is chosen; the default step is 0.04.
    expect(grades.generateSalaryAmounts).toHaveBeenCalledWith(3, '3000', 0.04)

    const grid = body().find('[data-test=salary-grid]')
    expect(grid.find<HTMLInputElement>('[data-test=salary-cell-0-7] input').element.value).toBe('3720.00')
    expect(grid.find<HTMLInputElement>('[data-test=salary-cell-1-3] input').element.value).toBe('3240.00')
    // Outside a category's range there is nothing to fill.
    expect(grid.find('[data-test=salary-cell-0-1] input').exists()).toBe(false)
    expect(grid.find('[data-test=salary-cell-1-7] input').exists()).toBe(false)

    await grid.find('[data-test=salary-cell-1-2] input').setValue('3150.5')
    await click('salary-save')
    expect(grades.createSalaryVersion).toHaveBeenCalledWith({
      name: '2025 年社区工作者薪酬标准',
      effectiveFrom: '2025-07-01',
      performancePercent: 20,
      remarks: null,
      cells: [
        { category: '正职', level: 7, amount: '3720.00' },
        { category: '正职', level: 8, amount: '3840.00' },
        { category: '正职', level: 9, amount: '3960.00' },
        { category: '工作人员', level: 1, amount: '3000.00' },
        { category: '工作人员', level: 2, amount: '3150.5' },
        { category: '工作人员', level: 3, amount: '3240.00' },
      ],
    })
    // Saved: the list and the totals are loaded again.
    expect(grades.listSalaryVersions).toHaveBeenCalledTimes(2)
    expect(grades.salaryTotals).toHaveBeenCalledTimes(2)
  })

  it('shows a refused base amount next to it', async () => {
    const message = '基数“三千”不是有效金额，请填写以元为单位的数字，例如 500 或 300.50。'
    vi.mocked(grades.generateSalaryAmounts).mockRejectedValue({ kind: 'validation', field: 'base', message })
    mountView(Salary)
    await settle()
    await click('salary-new')
    await input('salary-base').setValue('三千')
    await click('salary-generate')
    expect(errorNextTo('salary-base')).toBe(message)
  })
})

describe('等级方案', () => {
  it('tags the template and highlights the scheme in effect today', async () => {
    const { wrapper } = mountView(Schemes)
    await settle()
    const rows = wrapper.findAll('[data-test=scheme-table] tbody tr')
    expect(rows[0].text()).toContain('模板')
    expect(rows[0].text()).toContain('请按本地文件调整后使用')
    expect(rows[1].text()).toContain('当前生效')
    expect(rows[1].classes()).toContain('in-effect')
    expect(wrapper.find('[data-test=scheme-edit-1]').exists()).toBe(false)
  })

  it('copies a template: its categories and mapping with the new name and date', async () => {
    vi.mocked(grades.createScheme).mockImplementation(async (s) => ({ id: 5, isTemplate: false, ...s }))
    const { wrapper } = mountView(Schemes)
    await settle()
    await click('scheme-new-from-1')
    expect(input('scheme-name').element.value).toBe('')
    await input('scheme-name').setValue('翠苑街道岗位等级（2026 版）')
    pick(wrapper, 'scheme-effective', '2026-01-01')
    await click('scheme-save')
    expect(grades.createScheme).toHaveBeenCalledWith({
      name: '翠苑街道岗位等级（2026 版）',
      effectiveFrom: '2026-01-01',
      remarks: null,
      categories: TEMPLATE.categories,
      mapping: TEMPLATE.mapping,
    })
    expect(grades.listSchemes).toHaveBeenCalledTimes(2)
  })

  it('keeps the 职务 of a renamed category, and the order the clerk gives', async () => {
    vi.mocked(grades.updateScheme).mockImplementation(async (id, s) => ({ id, isTemplate: false, ...s }))
    mountView(Schemes)
    await settle()
    await click('scheme-edit-3')
    await body().find('[data-test=scheme-category-row-1] input').setValue('社区工作者')
    // Move it up: now the first row.
    await body().find('[data-test=scheme-category-row-1] button[title=上移]').trigger('click')
    await click('scheme-save')
    const [id, sent] = vi.mocked(grades.updateScheme).mock.calls[0]
    expect(id).toBe(3)
    expect(sent.categories.map((c) => c.name)).toEqual(['社区工作者', '正职'])
    expect(sent.mapping.find((m) => m.position === '委员')?.category).toBe('社区工作者')
    expect(sent.mapping.find((m) => m.position === '书记')?.category).toBe('正职')
  })
})

describe('删除等级方案', () => {
  it('offers no delete on a template, asks first, and shows a refusal without reloading', async () => {
    const { wrapper } = mountView(Schemes)
    await settle()
    expect(wrapper.find('[data-test=scheme-delete-1]').exists()).toBe(false)

    vi.mocked(grades.deleteScheme).mockRejectedValueOnce({
      kind: 'conflict',
      field: null,
      message: '已有 28 条岗位等级记录按“翠苑街道岗位等级”写入，不能删除。',
    })
    await click('scheme-delete-3')
    expect(document.querySelector('.el-message-box')?.textContent).toContain('确定删除“翠苑街道岗位等级（2022 版）”吗')
    await answerBox('确定删除')
    expect(grades.deleteScheme).toHaveBeenCalledWith(3)
    expect(document.body.textContent).toContain('已有 28 条岗位等级记录')
    expect(grades.listSchemes).toHaveBeenCalledTimes(1)

    vi.mocked(grades.deleteScheme).mockResolvedValueOnce(undefined)
    vi.mocked(grades.listSchemes).mockResolvedValue([TEMPLATE])
    await click('scheme-delete-3')
    await answerBox('确定删除')
    expect(grades.listSchemes).toHaveBeenCalledTimes(2)
    expect(wrapper.findAll('[data-test=scheme-table] tbody tr')).toHaveLength(1)
  })

  it('does nothing when the clerk cancels', async () => {
    mountView(Schemes)
    await settle()
    await click('scheme-delete-3')
    await answerBox('取消')
    expect(grades.deleteScheme).not.toHaveBeenCalled()
  })
})

describe('规则参数', () => {
  it('shows a refusal next to the field it names, and keeps what was typed', async () => {
    const message = '年度晋级生效日期不是有效日期，请填写如 1 月 1 日（不能是 2 月 29 日）。'
    vi.mocked(grades.saveGradeRules).mockRejectedValue({ kind: 'validation', field: 'promotionDay', message })
    const { wrapper } = mountView(GradeRulesView)
    await settle()
    expect(wrapper.find('[data-test=grade-rules]').text()).toContain('每满几年晋升 1 级')
    await wrapper.find('[data-test=rules-cumulative] input[value=true]').setValue(true)
    await click('grade-rules-save')
    expect(grades.saveGradeRules).toHaveBeenCalledWith({ ...RULES, certificateCumulative: true })
    expect(errorNextTo('rules-promotion-date')).toBe(message)
    expect(errorNextTo('rules-years-per-level')).toBeNull()
    expect(document.querySelector('.el-notification')).toBeNull()
  })
})
