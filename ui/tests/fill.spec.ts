import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FillOptions, FillPreview, FillResult, FormInspection } from '@/bindings'
import { body, mountView, settle } from './mount'
import { pick, radio } from './formKit'

vi.mock('@/api/fill', () => ({
  fillChooseForm: vi.fn(),
  fillInspect: vi.fn(),
  fillPreview: vi.fn(),
  fillSave: vi.fn(),
}))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/reports', () => ({ openLastExport: vi.fn() }))

import { fillChooseForm, fillPreview, fillSave } from '@/api/fill'
import { listCommunities } from '@/api/communities'
import { openLastExport } from '@/api/reports'
import Fill from '@/views/reports/fill.vue'

const FORM: FormInspection = {
  fileName: '信息采集表.xlsx',
  sheets: ['表1'],
  sheet: '表1',
  kind: 'people',
  headerRow: 2,
  headerRows: 2,
  firstDataRow: 4,
  columns: [
    { index: 0, letter: 'A', header: '序号', source: 'p.seq', sourceLabel: '序号', formula: false },
    { index: 1, letter: 'B', header: '基本情况/姓名', source: 'p.name', sourceLabel: '姓名', formula: false },
    { index: 2, letter: 'C', header: '家庭住址', source: null, sourceLabel: null, formula: false },
    { index: 3, letter: 'D', header: '年龄', source: null, sourceLabel: null, formula: true },
  ],
  sources: [
    { key: 'p.seq', label: '序号' },
    { key: 'p.name', label: '姓名' },
    { key: 'p.remarks', label: '备注（台账中的备注）' },
  ],
  footerRow: 6,
  spaceRows: 2,
  listedRows: 0,
  keepsFormatting: true,
  remembered: false,
  notes: ['D 列是表中原有的公式，保持不动，打开时自动计算。'],
}

const PREVIEW: FillPreview = {
  inspection: FORM,
  asOf: '2026-06-30',
  rows: [
    ['1', '王五', '', ''],
    ['2', '李四', '', ''],
  ],
  totalRows: 3,
  notes: ['表中留的空行不够：将在表尾（第 6 行）上方插入 1 行，表尾的公式和打印区域随之调整。'],
}

const RESULT: FillResult = {
  path: '/home/clerk/信息采集表-已填.xlsx',
  sheet: '表1',
  kind: 'people',
  asOf: '2026-06-30',
  rows: 3,
  columns: [
    { letter: 'A', header: '序号', source: 'p.seq', sourceLabel: '序号' },
    { letter: 'B', header: '基本情况/姓名', source: 'p.name', sourceLabel: '姓名' },
    { letter: 'C', header: '家庭住址', source: null, sourceLabel: null },
    { letter: 'D', header: '年龄', source: null, sourceLabel: null },
  ],
  insertedRows: 1,
  idNumbersMasked: true,
  keepsFormatting: true,
  notInLedger: [],
  notInForm: 0,
  notes: [],
}

const previewMock = vi.mocked(fillPreview)
const lastOptions = (): FillOptions => previewMock.mock.lastCall![0]

beforeEach(() => {
  vi.mocked(fillChooseForm).mockResolvedValue(FORM)
  previewMock.mockResolvedValue(PREVIEW)
  vi.mocked(fillSave).mockResolvedValue(RESULT)
  vi.mocked(listCommunities).mockResolvedValue([])
  vi.mocked(openLastExport).mockResolvedValue(null)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function chosen() {
  const view = mountView(Fill)
  await settle()
  await body().find('[data-test=fill-choose]').trigger('click')
  await settle()
  return view
}

describe('填报上级表格', () => {
  it('shows what fills each column, previews, and keeps formula columns as they are', async () => {
    await chosen()
    expect(body().find('[data-test=fill-file]').text()).toBe('信息采集表.xlsx')
    expect(body().find('[data-test=fill-header-at]').text()).toContain('表头在第 2 – 3 行')
    const mapping = body().find('[data-test=fill-mapping]').text()
    expect(mapping).toContain('基本情况/姓名')
    expect(mapping).toContain('表中原有公式，保持不动')
    expect(body().find('[data-test=fill-total]').text()).toContain('共填写 3 人')
    expect(body().findAll('[data-test=fill-note]').map((n) => n.text()).join()).toContain('插入 1 行')
    expect(lastOptions().columns).toEqual(['p.seq', 'p.name', null, null])
    expect(lastOptions().fullIdNumbers).toBe(false)
  })

  it('a changed column or scope previews again with the clerk’s choice', async () => {
    const { wrapper } = await chosen()
    pick(wrapper, 'fill-source-C', 'p.remarks')
    await settle()
    expect(lastOptions().columns).toEqual(['p.seq', 'p.name', 'p.remarks', null])
    await radio(wrapper, '选定的社区')
    await settle()
    pick(wrapper, 'fill-communities', ['和平社区'])
    await settle()
    expect(lastOptions().communities).toEqual(['和平社区'])
  })

  it('saves the copy and offers to open it; a cancelled dialog says so', async () => {
    await chosen()
    await body().find('[data-test=fill-save]').trigger('click')
    await settle()
    expect(vi.mocked(fillSave)).toHaveBeenCalledTimes(1)
    expect(body().find('[data-test=fill-done-path]').text()).toBe(RESULT.path)
    expect(body().find('[data-test=fill-done-unfilled]').text()).toBe('C 家庭住址、D 年龄')
    expect(body().find('[data-test=fill-done]').text()).toContain('已在表尾上方插入 1 行')
    await body().find('[data-test=fill-open-file]').trigger('click')
    expect(vi.mocked(openLastExport)).toHaveBeenCalledWith(false)

    vi.mocked(fillSave).mockResolvedValue(null)
    await body().find('[data-test=fill-save]').trigger('click')
    await settle()
    expect(body().find('[data-test=fill-done]').exists()).toBe(false)
    expect(document.body.textContent).toContain('已取消导出')
  })

  it('an error of the preview is shown and saving waits for a good preview', async () => {
    previewMock.mockRejectedValue({ kind: 'validation', field: 'asOf', message: '统计截止日期格式不对。' })
    await chosen()
    expect(body().find('[data-test=fill-preview-error]').text()).toContain('统计截止日期格式不对')
    expect(body().find('[data-test=fill-save]').attributes('disabled')).toBeDefined()
  })
})
