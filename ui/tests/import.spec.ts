import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElCheckbox, ElRadioGroup, ElSelect } from 'element-plus'
import type {
  ColumnInfo,
  ImportField,
  ImportPlan,
  ImportSummary,
  Inspection,
  PlanRow,
  SheetChoice,
} from '@/bindings'
import { communities, rosterRow, vocabulary, workerInput } from './fixtures'
import { body, mountView, sleep, answerBox } from './mount'

vi.mock('@/api/import', () => ({
  importChooseFile: vi.fn(),
  importPreview: vi.fn(),
  importCommit: vi.fn(),
  importSaveErrorReport: vi.fn(),
  importSaveTemplate: vi.fn(),
}))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
vi.mock('@/api/workers', () => ({ queryRoster: vi.fn() }))
vi.mock('@/api/reports', () => ({ exportRoster: vi.fn(), openLastExport: vi.fn() }))

import {
  importChooseFile,
  importCommit,
  importPreview,
  importSaveErrorReport,
  importSaveTemplate,
} from '@/api/import'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { queryRoster } from '@/api/workers'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import { PREVIEW_DELAY_MS } from '@/views/workers/import/session'
import ImportDialog from '@/views/workers/import/dialog.vue'
import Roster from '@/views/workers/index.vue'

// ---- backend answers ----

const FIELDS: [ImportField, string, boolean][] = [
  ['name', '姓名', true],
  ['idNumber', '身份证号', true],
  ['education', '最高学历', true],
  ['community', '所在社区', true],
  ['category', '人员类别', true],
  ['position', '职务', true],
  ['hiredOn', '入职时间', true],
  ['phone', '手机号', false],
  ['remarks', '备注', false],
]

function column(index: number, header: string, field: ImportField | null, samples: string[] = []): ColumnInfo {
  return { index, letter: 'ABCDEFGH'[index], header, field, remembered: false, samples, note: null }
}

function inspection(): Inspection {
  return {
    fileName: '花名册.xlsx',
    fields: FIELDS.map(([field, label, required]) => ({ field, label, required, hint: `${label}说明` })),
    notes: [],
    sheets: [
      {
        name: '幸福社区',
        hidden: false,
        headerRow: 2,
        headerRows: 1,
        dataRows: 3,
        columns: [
          column(0, '序号', null, ['1', '2']),
          column(1, '姓名', 'name', ['张三', '李四']),
          column(2, '身份证号码', 'idNumber', ['11010519491231002X']),
          column(3, '文化程度', 'education', ['本科', '研究生']),
          column(4, '联系电话', 'phone', ['13800138000']),
        ],
        proposedCommunity: '幸福社区',
        communityFrom: '工作表名称',
        hasCommunityColumn: false,
        selected: true,
        defaultChoice: { name: '幸福社区', community: '幸福社区' },
        problem: null,
      },
    ],
  }
}

const record = workerInput

function row(r: number, status: PlanRow['status'], over: Partial<PlanRow> = {}): PlanRow {
  return {
    sheet: '幸福社区',
    row: r,
    status,
    name: `人员${r}`,
    idNumber: '11010519491231002X',
    workerId: status === 'changed' || status === 'unchanged' ? r : null,
    community: '幸福社区',
    createsCommunity: false,
    action: 'update',
    record: status === 'rejected' ? null : record,
    before: null,
    certificate: null,
    changes: status === 'changed' ? [{ field: '手机号', old: '13800138000', new: '13900139000' }] : [],
    errors: [],
    warnings: [],
    choices: [],
    cells: [],
    ...over,
  }
}

function plan(rows: PlanRow[], over: Partial<ImportPlan> = {}): ImportPlan {
  const count = (s: PlanRow['status']) => rows.filter((r) => r.status === s).length
  return {
    fileName: '花名册.xlsx',
    sheets: [
      {
        name: '幸福社区',
        headerRow: 2,
        headerRows: 1,
        headers: ['序号', '姓名', '身份证号码', '文化程度', '联系电话'],
        letters: ['A', 'B', 'C', 'D', 'E'],
        mapping: [],
        community: '幸福社区',
      },
    ],
    counts: {
      new: count('new'),
      changed: count('changed'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
      skipped: 0,
      warned: rows.filter((r) => r.warnings.length > 0).length,
    },
    rows,
    skipped: [],
    communities: [
      {
        raw: '幸福社区',
        suggestedName: '幸福社区',
        matched: 'exact',
        community: '幸福社区',
        communityId: 1,
        candidates: [],
        rows: rows.length,
      },
    ],
    notes: [],
    mappingToRemember: [],
    changesOn: '2026-06-15',
    ...over,
  }
}

const rejectedRow = row(4, 'rejected', {
  name: '王五',
  idNumber: '1.10105194912310E+17',
  errors: [
    {
      column: '身份证号码',
      columnIndex: 2,
      field: 'idNumber',
      message: '身份证号被 Excel 当成了数字，后几位已经丢失。请把这一列设为“文本”格式，重新输入号码后再导入。',
    },
  ],
  cells: ['3', '王五', '1.10105194912310E+17'],
})

const summary: ImportSummary = {
  created: 1,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  rejected: 1,
  certificatesAdded: 0,
  communitiesCreated: ['新建社区'],
  communitiesWithoutPopulation: ['新建社区'],
  backup: '/tmp/backups/台账-导入前-20250630-0915.db',
}

const choose = vi.mocked(importChooseFile)
const preview = vi.mocked(importPreview)
const commit = vi.mocked(importCommit)
const lastSheets = (): SheetChoice[] => preview.mock.lastCall![0]

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(queryRoster).mockResolvedValue({ total: 1, page: 1, pageSize: 20, rows: [rosterRow(1, '张三')] })
  choose.mockResolvedValue(inspection())
  preview.mockResolvedValue(plan([row(3, 'new')]))
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

// ---- helpers ----

async function open() {
  const { wrapper } = mountView(ImportDialog, { props: { modelValue: true } })
  await flushPromises()
  return wrapper
}

const find = (dataTest: string) => body().find(`[data-test="${dataTest}"]`)

async function click(dataTest: string) {
  const el = find(dataTest)
  if (!el.exists()) throw new Error(`no ${dataTest}`)
  await el.trigger('click')
  await flushPromises()
}

/** Lets the preview's debounce, Element Plus' transitions and promises run. */
async function settle(ms = PREVIEW_DELAY_MS + 80) {
  await flushPromises()
  await sleep(ms)
  await flushPromises()
}

function component<T extends typeof ElSelect | typeof ElCheckbox | typeof ElRadioGroup>(
  wrapper: VueWrapper,
  type: T,
  dataTest: string,
) {
  const found = wrapper.findAllComponents(type).find((c) => {
    const el = c.element as HTMLElement
    return el.nodeType === 1 && el.closest(`[data-test="${dataTest}"]`)
  })
  if (!found) throw new Error(`no ${type.name} ${dataTest}`)
  return found
}

async function toMapping(wrapper: VueWrapper) {
  await click('import-choose')
  await settle(50)
  expect(find('import-sheets').exists()).toBe(true)
  return wrapper
}

async function toPreview(wrapper: VueWrapper) {
  await toMapping(wrapper)
  await click('import-next')
  await settle(50)
  expect(find('import-counts').exists()).toBe(true)
  return wrapper
}

const commitButton = () => find('import-commit').element as HTMLButtonElement

/** Clicks a button of the open confirm box by its text. */

// ---- tests ----

describe('import dialog', () => {
  it('stays on step 1 when the clerk cancels the file dialog', async () => {
    choose.mockResolvedValue(null)
    await open()
    await click('import-choose')
    await settle(50)

    expect(choose).toHaveBeenCalledTimes(1)
    expect(find('import-step-file').exists()).toBe(true)
    expect(find('import-sheets').exists()).toBe(false)
    expect(find('import-file-error').exists()).toBe(false)
    expect(preview).not.toHaveBeenCalled()
    // Enter tries again.
    expect(document.activeElement).toBe(find('import-choose').element)
  })

  it('shows a file-level error next to the button and stays on step 1', async () => {
    const message = '“照片.docx”不是 Excel 工作簿。请选择 .xlsx 或 .xls 文件。'
    choose.mockRejectedValue({ kind: 'validation', field: 'file', message })
    await open()
    await click('import-choose')
    await settle(50)

    expect(find('import-file-error').text()).toContain(message)
    expect(find('import-step-file').exists()).toBe(true)
    expect(preview).not.toHaveBeenCalled()

    // A good file afterwards clears the message and goes on.
    choose.mockResolvedValue(inspection())
    await click('import-choose')
    await settle(50)
    expect(find('import-file-error').exists()).toBe(false)
    expect(find('import-sheets').text()).toContain('幸福社区')
  })

  it('previews at once with the proposed mapping, and again with the clerk’s new mapping', async () => {
    const wrapper = await open()
    await toMapping(wrapper)

    expect(preview).toHaveBeenCalledTimes(1)
    expect(lastSheets()).toEqual([
      {
        name: '幸福社区',
        community: '幸福社区',
        mapping: [
          { column: 0, field: null },
          { column: 1, field: 'name' },
          { column: 2, field: 'idNumber' },
          { column: 3, field: 'education' },
          { column: 4, field: 'phone' },
        ],
      },
    ])
    expect(preview.mock.lastCall![1]).toMatchObject({ onExisting: 'update', createCommunities: false, values: [] })
    expect(find('import-live').text()).toContain('新增 1 人')
    // The community came from the sheet's name: the clerk is asked to confirm it.
    expect(find('import-sheets').text()).toContain('根据工作表名称识别，请确认')

    // 联系电话 is really 备注 here; 序号 becomes 手机号 (taken from E, which is then ignored).
    component(wrapper, ElSelect, 'import-field-E').vm.$emit('update:modelValue', 'remarks')
    component(wrapper, ElSelect, 'import-field-A').vm.$emit('update:modelValue', 'phone')
    await flushPromises()
    expect(preview).toHaveBeenCalledTimes(1) // waits for the clerk to pause
    await settle()

    expect(preview).toHaveBeenCalledTimes(2)
    expect(lastSheets()[0].mapping).toEqual([
      { column: 0, field: 'phone' },
      { column: 1, field: 'name' },
      { column: 2, field: 'idNumber' },
      { column: 3, field: 'education' },
      { column: 4, field: 'remarks' },
    ])

    // A corrected header row lets the core lay the sheet out again (no mapping sent).
    await body().find('[data-test="import-header-row-0"] input').setValue('3')
    await body().find('[data-test="import-header-row-0"] input').trigger('change')
    await settle()
    expect(preview).toHaveBeenCalledTimes(3)
    expect(lastSheets()[0]).toEqual({ name: '幸福社区', headerRow: 3, community: '幸福社区' })
  })

  it('shows a problem with the mapping next to it and does not go on', async () => {
    const wrapper = await open()
    await toMapping(wrapper)
    const message = '工作表“幸福社区”没有对应“身份证号”的列。'
    preview.mockRejectedValue({ kind: 'validation', field: 'mapping', message })
    component(wrapper, ElSelect, 'import-field-C').vm.$emit('update:modelValue', '__none__')
    await settle()

    expect(find('import-preview-error').text()).toContain(message)
    await click('import-next')
    await settle(50)
    expect(find('import-counts').exists()).toBe(false)
    expect(find('import-sheets').exists()).toBe(true)
  })

  it('keeps 确认导入 disabled while rows are rejected, until 跳过被拒绝的行 is ticked', async () => {
    preview.mockResolvedValue(plan([row(3, 'new'), rejectedRow]))
    commit.mockResolvedValue(summary)
    const wrapper = await toPreview(await open())

    expect(find('import-count-new').text()).toContain('1')
    expect(find('import-count-rejected').text()).toContain('1')
    // Rejections are shown first, with the sheet, row, column and the core's reason.
    const rejected = find('import-rejected').text()
    expect(rejected).toContain('幸福社区')
    expect(rejected).toContain('王五')
    expect(rejected).toContain('身份证号码')
    expect(rejected).toContain('设为“文本”格式')
    // Every preview table starts with 工作表 and 行, then its own columns.
    const headers = find('import-rejected')
      .findAll('thead th')
      .map((th) => th.text())
    expect(headers).toEqual(['工作表', '行', '姓名', '身份证号', '列', '原因'])

    expect(commitButton().disabled).toBe(true)
    expect(find('import-blocker').text()).toContain('跳过被拒绝的行')

    component(wrapper, ElCheckbox, 'import-skip-rejected').vm.$emit('update:modelValue', true)
    await flushPromises()
    expect(commitButton().disabled).toBe(false)

    await click('import-commit')
    expect(document.querySelector('.el-message-box')?.textContent).toContain('新增 1 人')
    expect(document.querySelector('.el-message-box')?.textContent).toContain('被拒绝的 1 行不导入')
    expect(commit).not.toHaveBeenCalled()
    await answerBox('确认导入')

    expect(commit).toHaveBeenCalledWith({ skipRejected: true, rows: [] })
    const done = find('import-done').text()
    expect(done).toContain('新增 1 人')
    expect(done).toContain('台账-导入前-20250630-0915.db')
    // A community with population 0 is named, with the way to fill it in.
    expect(find('import-no-population').text()).toContain('城镇常住人口还是 0 的社区：新建社区')
    expect(wrapper.emitted('imported')).toEqual([[summary]])
  })

  it('sends each person’s update or skip, after a default for all', async () => {
    preview.mockResolvedValue(plan([row(3, 'changed'), row(4, 'changed'), row(5, 'changed'), row(6, 'new')]))
    commit.mockResolvedValue({ ...summary, created: 1, updated: 1, skipped: 2, rejected: 0 })
    const wrapper = await toPreview(await open())

    expect(find('import-changed').text()).toContain('13800138000')
    expect(find('import-changed').text()).toContain('13900139000')
    component(wrapper, ElRadioGroup, 'import-all-action').vm.$emit('update:modelValue', 'skip')
    await flushPromises()
    component(wrapper, ElRadioGroup, 'import-action-幸福社区-4').vm.$emit('update:modelValue', 'update')
    await flushPromises()
    // What the radios show follows the choices.
    expect(component(wrapper, ElRadioGroup, 'import-action-幸福社区-3').props('modelValue')).toBe('skip')
    expect(component(wrapper, ElRadioGroup, 'import-action-幸福社区-4').props('modelValue')).toBe('update')
    expect(find('import-action-幸福社区-4').find('.is-active').text()).toBe('更新')
    expect(find('import-action-幸福社区-5').find('.is-active').text()).toBe('跳过')
    expect(find('import-all-action').element.parentElement?.textContent).toContain('将更新 1 人，跳过 2 人')

    await click('import-commit')
    expect(document.querySelector('.el-message-box')?.textContent).toContain('更新台账中已有的 1 人，跳过 2 人')
    await answerBox('确认导入')

    expect(commit).toHaveBeenCalledWith({
      skipRejected: false,
      rows: [
        { sheet: '幸福社区', row: 3, action: 'skip' },
        { sheet: '幸福社区', row: 4, action: 'update' },
        { sheet: '幸福社区', row: 5, action: 'skip' },
      ],
    })
    expect(find('import-done').text()).toContain('按选择跳过 2 人')
  })

  it('re-previews with the clerk’s answers: a value to choose and communities to create', async () => {
    const asking = row(3, 'rejected', {
      errors: [{ column: '文化程度', field: 'education', message: '“研究生”不能确定是“博士研究生”还是“硕士研究生”，请选择。' }],
      choices: [{ field: 'education', column: '文化程度', raw: '研究生', options: ['博士研究生', '硕士研究生'] }],
    })
    preview.mockResolvedValue(
      plan([asking], {
        communities: [
          {
            raw: '光明社区居委会',
            // Core's name for it: the window offers and sends exactly this.
            suggestedName: '光明社区',
            matched: 'unknown',
            community: null,
            communityId: null,
            candidates: [],
            rows: 1,
          },
        ],
      }),
    )
    const wrapper = await toPreview(await open())
    expect(find('import-values').text()).toContain('研究生')
    expect(find('import-communities').text()).toContain('台账中没有')
    const calls = preview.mock.calls.length

    component(wrapper, ElSelect, 'import-value-choice').vm.$emit('update:modelValue', '硕士研究生')
    component(wrapper, ElCheckbox, 'import-create-communities').vm.$emit('update:modelValue', true)
    await settle()
    expect(preview.mock.calls.length).toBe(calls + 1)
    expect(preview.mock.lastCall![1]).toMatchObject({
      createCommunities: true,
      values: [{ field: 'education', raw: '研究生', value: '硕士研究生' }],
    })

    component(wrapper, ElSelect, 'import-community-choice').vm.$emit('update:modelValue', 'id:2')
    await settle()
    expect(preview.mock.lastCall![1].communities).toEqual([{ raw: '光明社区居委会', communityId: 2 }])
    component(wrapper, ElSelect, 'import-community-choice').vm.$emit('update:modelValue', 'create')
    await settle()
    expect(preview.mock.lastCall![1].communities).toEqual([{ raw: '光明社区居委会', createName: '光明社区' }])
  })

  it('keeps everything after a failed commit, and saves the error report and the template', async () => {
    preview.mockResolvedValue(plan([row(3, 'new'), rejectedRow]))
    commit.mockRejectedValue({ kind: 'io', message: '无法备份台账：磁盘已满。' })
    vi.mocked(importSaveErrorReport).mockResolvedValue('/tmp/导入错误说明-花名册.xlsx')
    vi.mocked(importSaveTemplate).mockResolvedValue('/tmp/人员信息导入模板.xlsx')
    const wrapper = await open()

    await click('import-template')
    await settle(100)
    expect(importSaveTemplate).toHaveBeenCalledTimes(1)
    expect(find('import-template-saved').text()).toContain('/tmp/人员信息导入模板.xlsx')

    await toPreview(wrapper)
    await click('import-error-report')
    await settle(100)
    expect(importSaveErrorReport).toHaveBeenCalledTimes(1)
    expect(find('import-error-report-saved').text()).toContain('/tmp/导入错误说明-花名册.xlsx')

    component(wrapper, ElCheckbox, 'import-skip-rejected').vm.$emit('update:modelValue', true)
    await flushPromises()
    await click('import-commit')
    await answerBox('确认导入')

    expect(commit).toHaveBeenCalledTimes(1)
    const notes = [...document.querySelectorAll('.el-notification')].map((n) => n.textContent).join('|')
    expect(notes).toContain('磁盘已满')
    expect(find('import-done').exists()).toBe(false)
    expect(find('import-counts').exists()).toBe(true)
    expect(commitButton().disabled).toBe(false)
    expect(wrapper.emitted('imported')).toBeUndefined()
  })

  it('shows a 5,000-row preview one page at a time', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => row(i + 3, 'new', { name: `人员${i + 3}` }))
    preview.mockResolvedValue(plan(rows))
    await toPreview(await open())
    expect(find('import-count-new').text()).toContain('5000')
    const shown = body().findAll('[data-test="import-new"] .el-table__body tr')
    expect(shown).toHaveLength(50)
    expect(shown[0].text()).toContain('人员3')
    const pager = find('import-new').element.parentElement!.querySelector('.el-pagination')
    expect(pager?.textContent).toContain('5000')
  })

  it('runs one preview at a time, so the backend’s last plan is the newest settings', async () => {
    const answers: ((p: ImportPlan) => void)[] = []
    preview.mockImplementation(() => new Promise((resolve) => answers.push(resolve)))
    const wrapper = await open()
    await click('import-choose')
    await settle(50)
    expect(preview).toHaveBeenCalledTimes(1)

    component(wrapper, ElSelect, 'import-field-E').vm.$emit('update:modelValue', 'remarks')
    await settle()
    // The first answer is not in yet: no second request alongside it.
    expect(preview).toHaveBeenCalledTimes(1)
    expect((find('import-next').element as HTMLButtonElement).disabled).toBe(false)

    answers[0](plan([row(3, 'new')]))
    await settle(50)
    expect(preview).toHaveBeenCalledTimes(2)
    expect(lastSheets()[0].mapping![4]).toEqual({ column: 4, field: 'remarks' })
    // The old answer is not shown as if it were the new one.
    expect(find('import-live').text()).toContain('正在按当前设置预览')

    answers[1](plan([row(3, 'new'), row(4, 'new')]))
    await settle(50)
    expect(find('import-live').text()).toContain('新增 2 人')
  })

  it('choosing another file while a preview runs waits for it, then previews the new file', async () => {
    const answers: ((p: ImportPlan) => void)[] = []
    preview.mockImplementation(() => new Promise((resolve) => answers.push(resolve)))
    await open()
    await click('import-choose')
    await settle(50)
    expect(preview).toHaveBeenCalledTimes(1)

    await click('import-back')
    const other = inspection()
    other.fileName = '第二个.xlsx'
    other.sheets[0].name = '和平社区'
    choose.mockResolvedValue(other)
    await click('import-choose')
    await settle(50)
    expect(find('import-sheets').text()).toContain('和平社区')
    // The old request has not answered: the backend would keep whichever answers last.
    expect(preview).toHaveBeenCalledTimes(1)

    answers[0](plan([row(3, 'new')]))
    await settle(50)
    expect(preview).toHaveBeenCalledTimes(2)
    expect(lastSheets()[0].name).toBe('和平社区')
    expect(find('import-live').text()).toContain('正在按当前设置预览')
    answers[1](plan([row(3, 'new'), row(4, 'new'), row(5, 'new')]))
    await settle(50)
    expect(find('import-live').text()).toContain('新增 3 人')
  })
})

describe('roster and import', () => {
  it('opens the import dialog from 导入 and reloads the roster and communities after an import', async () => {
    const { wrapper } = mountView(Roster)
    await flushPromises()
    expect(find('import-choose').exists()).toBe(false)
    await wrapper.find('[data-test=roster-import]').trigger('click')
    await settle(50)
    expect(find('import-choose').exists()).toBe(true)

    const queries = vi.mocked(queryRoster).mock.calls.length
    const lists = vi.mocked(listCommunities).mock.calls.length
    wrapper.findComponent(ImportDialog).vm.$emit('imported', summary)
    await flushPromises()
    expect(vi.mocked(queryRoster).mock.calls.length).toBe(queries + 1)
    expect(vi.mocked(listCommunities).mock.calls.length).toBe(lists + 1)
  })
})
