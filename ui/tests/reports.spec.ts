import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { ExportResult, ReportOptions, ReportSheet } from '@/bindings'
import { body, mountView, sleep } from './mount'
import { date as pickDate, errorNextTo } from './formKit'

vi.mock('@/api/reports', () => ({
  reportSheets: vi.fn(),
  exportCounty: vi.fn(),
  exportRoster: vi.fn(),
  openLastExport: vi.fn(),
}))

import { exportCounty, openLastExport, reportSheets, type OnProgress } from '@/api/reports'
import { isoDate } from '@/lib/display'
import Reports from '@/views/reports/county.vue'

const SHEETS: ReportSheet[] = [
  { name: '封面', description: '报送单位、报表期间、统计截止日期、填报人和本表目录' },
  { name: '花名册', description: '统计截止日期在岗的人员，每人一行' },
  { name: '配备情况', description: '各社区按每万城镇常住人口18人的应配人数、实有人数和差额' },
  { name: '人员变动', description: '报表期间内按人员类别统计的新入职、试用期满、退出' },
]

const RESULT: ExportResult = {
  path: '/home/clerk/翠苑街道社区工作者统计报表-2025-06-30.xlsx',
  sheets: ['封面', '花名册', '配备情况', '人员变动'],
  rosterRows: 123,
  idNumbersMasked: true,
}

const exportMock = vi.mocked(exportCounty)
const sent = (): ReportOptions => exportMock.mock.lastCall![0]

beforeEach(() => {
  vi.mocked(reportSheets).mockResolvedValue(SHEETS)
  exportMock.mockResolvedValue(RESULT)
  vi.mocked(openLastExport).mockResolvedValue(null)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function open() {
  const { wrapper } = mountView(Reports)
  await flushPromises()
  return wrapper
}

/** Lets promises and Element Plus' 100 ms error debounce run. */
async function settle() {
  await flushPromises()
  await sleep(120)
  await flushPromises()
}

async function exportNow() {
  await body().find('[data-test=report-export]').trigger('click')
  await settle()
}

// The newest box: one closed a moment ago may still be in the document.
const messageBoxButton = (text: string) =>
  [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')]
    .filter((b) => b.textContent?.trim() === text)
    .pop()

describe('report page', () => {
  it('sends the options it shows: today, this year so far, every sheet, masked IDs', async () => {
    const wrapper = await open()
    const today = isoDate(new Date())
    const input = (t: string) => body().find<HTMLInputElement>(`[data-test=${t}] input`).element.value
    expect(input('report-as-of')).toBe(today)
    expect(input('report-period-from')).toBe(`${today.slice(0, 4)}-01-01`)
    expect(input('report-period-to')).toBe(today)
    // Each sheet is listed with what it holds.
    expect(wrapper.find('[data-test=report-sheets]').text()).toContain('各社区按每万城镇常住人口18人')

    await exportNow()
    expect(exportMock).toHaveBeenCalledTimes(1)
    expect(sent()).toEqual({
      asOf: today,
      periodFrom: `${today.slice(0, 4)}-01-01`,
      periodTo: today,
      sheets: ['封面', '花名册', '配备情况', '人员变动'],
      fullIdNumbers: false,
      includeExited: false,
    })

    const done = wrapper.find('[data-test=report-done]')
    expect(done.exists()).toBe(true)
    expect(done.text()).toContain('已导出')
    expect(done.text()).toContain(RESULT.path)
    expect(done.text()).toContain('封面、花名册、配备情况、人员变动')
    expect(done.text()).toContain('123 人')
    expect(done.text()).toContain('已隐藏中间8位')
    // Enter opens the file: the button has the focus.
    expect(document.activeElement).toBe(wrapper.find('[data-test=report-open-file]').element)
    await wrapper.find('[data-test=report-open-folder]').trigger('click')
    expect(openLastExport).toHaveBeenCalledWith(true)
    await wrapper.find('[data-test=report-open-file]').trigger('click')
    expect(openLastExport).toHaveBeenLastCalledWith(false)
  })

  it('sends the chosen sheets in workbook order, a chosen period and the exited option', async () => {
    const wrapper = await open()
    await wrapper.find('[data-test=report-sheet-配备情况] input').setValue(false)
    await wrapper.find('[data-test=report-sheet-封面] input').setValue(false)
    await wrapper.find('[data-test=report-include-exited] input').setValue(true)
    pickDate(wrapper, 'report-as-of', '2024-12-31')
    await flushPromises()
    // The period was the default, so it follows the as-of date.
    expect(body().find<HTMLInputElement>('[data-test=report-period-from] input').element.value).toBe('2024-01-01')
    pickDate(wrapper, 'report-period-from', '2024-07-01')
    await flushPromises()

    await exportNow()
    expect(sent()).toEqual({
      asOf: '2024-12-31',
      periodFrom: '2024-07-01',
      periodTo: '2024-12-31',
      sheets: ['花名册', '人员变动'],
      fullIdNumbers: false,
      includeExited: true,
    })
  })

  it('exports full ID numbers only after the clerk confirms', async () => {
    const wrapper = await open()
    await wrapper.find('[data-test=report-id-full] input').setValue(true)
    await settle()
    expect(document.querySelector('.el-message-box')?.textContent).toContain('敏感个人信息')
    messageBoxButton('仍然隐藏')!.click()
    await settle()
    expect(wrapper.find('[data-test=report-id-masked]').classes()).toContain('is-checked')
    expect(wrapper.find('[data-test=report-id-full]').classes()).not.toContain('is-checked')
    await exportNow()
    expect(sent().fullIdNumbers).toBe(false)

    await wrapper.find('[data-test=report-id-full] input').setValue(true)
    await settle()
    messageBoxButton('完整显示')!.click()
    await settle()
    exportMock.mockResolvedValue({ ...RESULT, idNumbersMasked: false })
    await exportNow()
    expect(sent().fullIdNumbers).toBe(true)
    expect(wrapper.find('[data-test=report-done]').text()).toContain('完整显示')
  })

  it('shows progress from the channel while the export runs', async () => {
    let report: OnProgress = () => {}
    let finish: (r: ExportResult) => void = () => {}
    exportMock.mockImplementation((_options, onProgress) => {
      report = onProgress
      return new Promise((resolve) => (finish = resolve))
    })
    const wrapper = await open()
    await exportNow()

    const bar = () => wrapper.find('[data-test=report-progress]')
    expect(bar().exists()).toBe(true)
    expect(wrapper.find('[data-test=report-export]').classes()).toContain('is-loading')
    expect(bar().text()).toContain('请选择保存位置')

    report({ done: 2, total: 5, stage: '已写入「封面」' })
    await flushPromises()
    expect(bar().text()).toContain('40%')
    expect(bar().text()).toContain('已写入「封面」')
    expect(bar().text()).toContain('2 / 5')

    // A second click while it runs does not start another export.
    await wrapper.find('[data-test=report-export]').trigger('click')
    await settle()
    expect(exportMock).toHaveBeenCalledTimes(1)

    finish(RESULT)
    await settle()
    expect(bar().exists()).toBe(false)
    expect(wrapper.find('[data-test=report-done]').exists()).toBe(true)
  })

  it('shows nothing but a quiet note when the clerk cancels the save dialog', async () => {
    exportMock.mockResolvedValue(null)
    const wrapper = await open()
    await exportNow()
    expect(exportMock).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-test=report-done]').exists()).toBe(false)
    expect(wrapper.find('[data-test=report-progress]').exists()).toBe(false)
    expect(document.querySelector('.el-notification')).toBeNull()
    expect(document.body.textContent).toContain('已取消')
  })

  it('shows core’s field error next to that field and keeps the dates', async () => {
    const message = '报表期间的结束日期不能晚于统计截止日期 2024年6月30日：之后的变动还没有发生。'
    exportMock.mockRejectedValue({ kind: 'validation', field: 'periodTo', message })
    const wrapper = await open()
    pickDate(wrapper, 'report-as-of', '2024-06-30')
    await flushPromises()
    await exportNow()

    expect(errorNextTo('report-period-to')).toBe(message)
    expect(errorNextTo('report-as-of')).toBeNull()
    expect(wrapper.find('[data-test=report-done]').exists()).toBe(false)
    expect(body().find<HTMLInputElement>('[data-test=report-as-of] input').element.value).toBe('2024-06-30')
    expect(body().find<HTMLInputElement>('[data-test=report-period-to] input').element.value).toBe('2024-06-30')
  })

  it('shows other failures as a notification', async () => {
    exportMock.mockRejectedValue({ kind: 'io', message: '文件正被 Excel 打开，请关闭后重试。' })
    const wrapper = await open()
    await exportNow()
    expect(document.querySelector('.el-notification')?.textContent).toContain('文件正被 Excel 打开')
    expect(wrapper.find('[data-test=report-done]').exists()).toBe(false)
  })

  it('checks the period and the sheets before asking core', async () => {
    const wrapper = await open()
    pickDate(wrapper, 'report-as-of', '2024-06-30')
    await flushPromises()
    pickDate(wrapper, 'report-period-to', '2024-09-30')
    await settle()
    expect(errorNextTo('report-period-to')).toContain('不能晚于统计截止日期')

    pickDate(wrapper, 'report-period-to', '2024-06-30')
    await wrapper.find('[data-test=report-sheets-all] input').setValue(false)
    await settle()
    expect(errorNextTo('report-period-to')).toBeNull()
    await exportNow()
    // An empty list would mean "every sheet" to core: it is never sent.
    expect(exportMock).not.toHaveBeenCalled()
    expect(errorNextTo('report-sheets')).toBe('请至少选择一张工作表。')
  })
})
