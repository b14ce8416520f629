import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { ElPagination, ElSelect, ElTable } from 'element-plus'
import type { RosterQuery } from '@/bindings'
import { communities, rosterRow, vocabulary } from './fixtures'
import { body, mountAt, mountView, sleep } from './mount'

vi.mock('@/api/workers', () => ({ queryRoster: vi.fn() }))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
vi.mock('@/api/reports', () => ({
  exportRoster: vi.fn(),
  openLastExport: vi.fn(),
  printRoster: vi.fn(),
  printRegistration: vi.fn(),
}))

import { queryRoster } from '@/api/workers'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { exportRoster, openLastExport, printRegistration, printRoster, type OnProgress } from '@/api/reports'
import type { PrintResult } from '@/bindings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import Roster from '@/views/workers/index.vue'

const query = vi.mocked(queryRoster)
const lastQuery = (): RosterQuery => query.mock.lastCall![0]

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  query.mockResolvedValue({
    total: 42,
    page: 1,
    pageSize: 20,
    rows: [
      rosterRow(1, '张三'),
      rosterRow(2, '李四', {
        gender: '女',
        idNumber: '440524188001010014',
        status: '试用期',
        postDetail: '民政专干',
        position: '专职工作人员',
        certificates: [],
      }),
    ],
  })
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
  localStorage.clear()
})

function select(wrapper: ReturnType<typeof mountView>['wrapper'], dataTest: string) {
  const found = wrapper
    .findAllComponents(ElSelect)
    .find((s) => (s.element as HTMLElement).closest(`[data-test=${dataTest}]`))
  if (!found) throw new Error(`no select ${dataTest}`)
  return found
}

describe('roster', () => {
  it('asks for the first page sorted by community and renders rows and the total', async () => {
    const { wrapper } = mountView(Roster)
    await flushPromises()

    expect(query).toHaveBeenCalledTimes(1)
    expect(lastQuery()).toEqual({
      search: null,
      communityId: null,
      category: null,
      position: null,
      politicalStatus: null,
      education: null,
      certificate: null,
      status: null,
      ageBand: null,
      secondedAway: false,
      asOf: null,
      sort: 'community',
      descending: false,
      page: 1,
      pageSize: 20,
    })

    expect(wrapper.find('[data-test=roster-total]').text()).toContain('42')
    const rows = wrapper.findAll('[data-test=roster-table] .el-table__body tr')
    expect(rows).toHaveLength(2)
    const first = rows[0].text()
    expect(first).toContain('张三')
    expect(first).toContain('110105********002X')
    expect(first).not.toContain('11010519491231002X')
    expect(first).toContain('社会工作师')
    const second = rows[1].text()
    expect(second).toContain('440524********0014')
    expect(second).toContain('专职工作人员 / 民政专干')
    expect(rows[1].find('.el-tag--warning').text()).toBe('试用期')

    // The search box has the focus when the page opens.
    expect(document.activeElement).toBe(wrapper.find('[data-test=roster-search] input').element)
  })

  it('sends filters, sort, page and a debounced search to query_roster', async () => {
    const { wrapper } = mountView(Roster)
    await flushPromises()

    select(wrapper, 'filter-community').vm.$emit('update:modelValue', 2)
    await flushPromises()
    expect(lastQuery()).toMatchObject({ communityId: 2, page: 1 })

    select(wrapper, 'filter-status').vm.$emit('update:modelValue', '试用期')
    select(wrapper, 'filter-certificate').vm.$emit('update:modelValue', '无')
    await flushPromises()
    expect(lastQuery()).toMatchObject({ communityId: 2, status: '试用期', certificate: '无' })

    wrapper.findComponent(ElTable).vm.$emit('sort-change', { column: {}, prop: 'hiredOn', order: 'descending' })
    await flushPromises()
    expect(lastQuery()).toMatchObject({ sort: 'hiredOn', descending: true })

    wrapper.findComponent(ElPagination).vm.$emit('current-change', 3)
    await flushPromises()
    expect(lastQuery()).toMatchObject({ page: 3, sort: 'hiredOn', status: '试用期' })

    wrapper.findComponent(ElPagination).vm.$emit('size-change', 50)
    await flushPromises()
    expect(lastQuery()).toMatchObject({ page: 1, pageSize: 50 })

    // Clearing the sort goes back to the default order.
    wrapper.findComponent(ElTable).vm.$emit('sort-change', { column: {}, prop: 'age', order: null })
    await flushPromises()
    expect(lastQuery()).toMatchObject({ sort: 'community', descending: false })

    // A cleared select means "any".
    select(wrapper, 'filter-status').vm.$emit('update:modelValue', undefined)
    await flushPromises()
    expect(lastQuery().status).toBeNull()

    const calls = query.mock.calls.length
    await wrapper.find('[data-test=roster-search] input').setValue('z')
    await wrapper.find('[data-test=roster-search] input').setValue('zs')
    await sleep(100)
    expect(query.mock.calls.length).toBe(calls) // still waiting for the clerk to stop typing
    await sleep(250)
    await flushPromises()
    expect(query.mock.calls.length).toBe(calls + 1)
    expect(lastQuery()).toMatchObject({ search: 'zs', page: 1, communityId: 2, pageSize: 50 })
  })

  it('opens the detail page when a row is clicked', async () => {
    const { wrapper, router } = mountView(Roster)
    await flushPromises()
    const push = vi.spyOn(router, 'push')
    await wrapper.findAll('[data-test=roster-table] .el-table__body tr')[1].trigger('click')
    expect(push).toHaveBeenCalledWith('/workers/2')
  })

  it('exports exactly the current list: its filters and sort, masked IDs by default', async () => {
    let report: OnProgress = () => {}
    let finish: (r: Awaited<ReturnType<typeof exportRoster>>) => void = () => {}
    vi.mocked(exportRoster).mockImplementation((_q, _full, onProgress) => {
      report = onProgress
      return new Promise((resolve) => (finish = resolve))
    })
    vi.mocked(openLastExport).mockResolvedValue(null)
    const { wrapper } = mountView(Roster)
    await flushPromises()
    select(wrapper, 'filter-community').vm.$emit('update:modelValue', 2)
    select(wrapper, 'filter-status').vm.$emit('update:modelValue', '在岗')
    wrapper.findComponent(ElTable).vm.$emit('sort-change', { column: {}, prop: 'age', order: 'descending' })
    await flushPromises()

    await wrapper.find('[data-test=roster-export]').trigger('click')
    await flushPromises()
    expect(exportRoster).toHaveBeenCalledTimes(1)
    const [sent, full] = vi.mocked(exportRoster).mock.calls[0]
    expect(full).toBe(false)
    // The same query as the list on screen.
    expect(sent).toEqual(lastQuery())
    expect(sent).toMatchObject({ communityId: 2, status: '在岗', sort: 'age', descending: true })

    expect(wrapper.find('[data-test=roster-export]').classes()).toContain('is-loading')
    report({ done: 1, total: 3, stage: '已读取台账' })
    await flushPromises()
    expect(wrapper.find('[data-test=roster-export-progress]').text()).toContain('已读取台账')

    finish({ path: '/tmp/人员台账-20250630-0915.xlsx', sheets: ['花名册'], rosterRows: 7, idNumbersMasked: true })
    await flushPromises()
    await sleep(50)
    expect(wrapper.find('[data-test=roster-export-progress]').exists()).toBe(false)
    const done = body().find('[data-test=roster-export-done]')
    expect(done.text()).toContain('共 7 人')
    expect(done.text()).toContain('/tmp/人员台账-20250630-0915.xlsx')
    await body().find('[data-test=roster-open-folder]').trigger('click')
    expect(openLastExport).toHaveBeenCalledWith(true)
  })

  it('exports full ID numbers only after the confirm', async () => {
    vi.mocked(exportRoster).mockResolvedValue(null)
    const { wrapper } = mountView(Roster)
    await flushPromises()
    const full = () => wrapper.find('[data-test=roster-export-more]')
    await full().trigger('click')
    await sleep(100)
    await body().find('[data-test=roster-export-full]').trigger('click')
    await flushPromises()
    await sleep(120)
    const box = () => [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')]
    expect(document.querySelector('.el-message-box')?.textContent).toContain('敏感个人信息')
    expect(exportRoster).not.toHaveBeenCalled()
    box()
      .filter((b) => b.textContent?.trim() === '完整显示')
      .pop()!
      .click()
    await flushPromises()
    await sleep(120)
    expect(exportRoster).toHaveBeenCalledTimes(1)
    expect(vi.mocked(exportRoster).mock.calls[0][1]).toBe(true)
    // Cancelled in the save dialog: no success shown.
    expect(body().find('[data-test=roster-export-done]').exists()).toBe(false)
  })

  it('takes its search, filters, sort and page from the address and keeps them there', async () => {
    const { wrapper, router } = await mountAt(
      Roster,
      `/workers?q=${encodeURIComponent('张')}&contract=${encodeURIComponent('合同到期')}&inPost=1&sort=age&desc=1&page=2&status=${encodeURIComponent('在逃')}`,
    )
    await flushPromises()
    const q = lastQuery()
    expect(q).toMatchObject({ search: '张', contract: '合同到期', inPost: true, sort: 'age', descending: true, page: 2, status: null })
    // A value the address got wrong is dropped from the address too.
    expect(router.currentRoute.value.query.status).toBeUndefined()

    await wrapper.find('[data-test=filter-retiring] input').setValue(true)
    await flushPromises()
    expect(lastQuery()).toMatchObject({ retiring: true, page: 1 })
    expect(router.currentRoute.value.query).toMatchObject({ q: '张', retiring: '1', inPost: '1', sort: 'age' })
    expect(router.currentRoute.value.query.page).toBeUndefined()
  })
})

const printed = (path: string, opened = true): PrintResult => ({
  export: { path, sheets: ['人员登记表'], rosterRows: 1, idNumbersMasked: true },
  opened,
  openError: opened ? null : '无法自动打开（没有关联的程序）。请点“打开所在文件夹”，用 Excel 或 WPS 打开后打印。',
})

describe('roster columns and printing', () => {
  it('keeps 姓名 left and 状态/操作 right, and remembers the chosen columns on this computer', async () => {
    const first = mountView(Roster)
    await flushPromises()
    const headers = () =>
      first.wrapper.findAll('[data-test=roster-table] .el-table__header th').map((th) => th.text().trim())
    expect(headers()).toContain('姓名')
    expect(headers()).toContain('状态')
    expect(headers()).toContain('操作')
    expect(headers()).not.toContain('手机号') // off by default at 1366
    await first.wrapper.find('[data-test=roster-columns]').trigger('click')
    await sleep(50)
    await body().find('[data-test=roster-column-phone] input').setValue(true)
    await body().find('[data-test=roster-column-idNumber] input').setValue(false)
    await flushPromises()
    expect(headers()).toContain('手机号')
    expect(headers()).not.toContain('身份证号')
    first.wrapper.unmount()

    const again = mountView(Roster)
    await flushPromises()
    const th = again.wrapper.findAll('[data-test=roster-table] .el-table__header th').map((t) => t.text().trim())
    expect(th).toContain('手机号')
    expect(th).not.toContain('身份证号')
  })

  it('prints the list on screen, one person\'s form, or the ticked people\'s forms', async () => {
    vi.mocked(printRoster).mockResolvedValue(printed('/tmp/人员台账-打印.xlsx'))
    vi.mocked(printRegistration).mockResolvedValue(printed('/tmp/人员登记表-张三.xlsx', false))
    vi.mocked(openLastExport).mockResolvedValue(null)
    const { wrapper } = mountView(Roster)
    await flushPromises()
    select(wrapper, 'filter-community').vm.$emit('update:modelValue', 2)
    await flushPromises()

    await wrapper.find('[data-test=roster-print]').trigger('click')
    await sleep(100)
    await body().find('[data-test=roster-print-list]').trigger('click')
    await flushPromises()
    expect(printRoster).toHaveBeenCalledTimes(1)
    expect(vi.mocked(printRoster).mock.calls[0][0]).toEqual(lastQuery())
    await sleep(50)
    expect(body().find('[data-test=print-done]').text()).toContain('Ctrl+P')

    // One person, from the row's 操作.
    await wrapper.findAll('[data-test=roster-row-print]')[0].trigger('click')
    await flushPromises()
    expect(vi.mocked(printRegistration).mock.calls[0].slice(0, 2)).toEqual([{ workerIds: [1] }, false])
    await sleep(50)
    // It could not be opened: the clerk is told where it is and how to open it.
    expect(body().text()).toContain('打开所在文件夹')

    // Ticked people.
    const boxes = wrapper.findAll('[data-test=roster-table] .el-table__body .el-checkbox input')
    await boxes[0].setValue(true)
    await boxes[1].setValue(true)
    await flushPromises()
    await wrapper.find('[data-test=roster-print]').trigger('click')
    await sleep(100)
    expect(body().find('[data-test=roster-print-selected]').text()).toContain('2 人')
    await body().find('[data-test=roster-print-selected]').trigger('click')
    await flushPromises()
    expect(vi.mocked(printRegistration).mock.calls[1].slice(0, 2)).toEqual([{ workerIds: [1, 2] }, false])
    // Everyone on the list: the query, every page.
    await body().find('[data-test=roster-print-all]').trigger('click')
    await flushPromises()
    expect(vi.mocked(printRegistration).mock.calls[2][0]).toEqual({ query: lastQuery() })
  })
})
