import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { communities, staffing } from './fixtures'
import { body, mountView, sleep } from './mount'

vi.mock('@/api/communities', () => ({
  listCommunities: vi.fn(),
  createCommunity: vi.fn(),
  updateCommunity: vi.fn(),
  deleteCommunity: vi.fn(),
}))
vi.mock('@/api/stats', () => ({ getStaffing: vi.fn(), getStats: vi.fn(), recentChanges: vi.fn() }))

import { createCommunity, deleteCommunity, listCommunities } from '@/api/communities'
import { getStaffing } from '@/api/stats'
import Communities from '@/views/communities/index.vue'

beforeEach(() => {
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(getStaffing).mockResolvedValue(staffing)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function settle() {
  await flushPromises()
  await sleep(120)
  await flushPromises()
}

describe('communities', () => {
  it('lists the communities', async () => {
    const { wrapper } = mountView(Communities)
    await flushPromises()
    const rows = wrapper.findAll('[data-test=community-table] .el-table__body tr')
    expect(rows).toHaveLength(2)
    const cells = rows[0].findAll('td').map((td) => td.text())
    expect(cells.slice(0, 6)).toEqual(['东风社区', '—', '10,000', '2024-01-01', '3,500', '2'])
  })

  it('adds a community from the dialog and reloads the list', async () => {
    vi.mocked(createCommunity).mockImplementation(async (input) => ({ id: 3, workerCount: 0, initials: '', ...input }))
    const { wrapper } = mountView(Communities)
    await flushPromises()

    await wrapper.find('[data-test=community-add]').trigger('click')
    await settle()
    await body().find('[data-test=community-name] input').setValue(' 南山社区 ')
    const population = body().find('[data-test=community-population] input')
    await population.setValue('12000')
    await population.trigger('change')
    await body().find('[data-test=community-save]').trigger('click')
    await settle()

    expect(createCommunity).toHaveBeenCalledWith({
      name: '南山社区',
      code: null,
      population: 12000,
      populationDate: null,
      households: null,
      remarks: null,
    })
    expect(listCommunities).toHaveBeenCalledTimes(2)
  })

  it('keeps the dialog open with the field error when core refuses the name', async () => {
    const message = '已有名为“东风社区”的社区。'
    vi.mocked(createCommunity).mockImplementation(() =>
      Promise.reject({ kind: 'validation', field: 'name', message }),
    )
    const { wrapper } = mountView(Communities)
    await flushPromises()
    await wrapper.find('[data-test=community-add]').trigger('click')
    await settle()
    await body().find('[data-test=community-name] input').setValue('东风社区')
    await body().find('[data-test=community-save]').trigger('click')
    await settle()

    const item = body().find('[data-test=community-name]').element.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent?.trim()).toBe(message)
    expect(body().find<HTMLInputElement>('[data-test=community-name] input').element.value).toBe('东风社区')
  })

  it('shows core’s refusal to delete a community that still has people', async () => {
    const message = '“东风社区”下还有 2 名人员，不能删除。请先把他们调到其他社区。'
    vi.mocked(deleteCommunity).mockImplementation(() => Promise.reject({ kind: 'conflict', message }))
    const { wrapper } = mountView(Communities)
    await flushPromises()

    const row = wrapper.findAll('[data-test=community-table] .el-table__body tr')[0]
    await row.findAll('button').find((b) => b.text() === '删除')!.trigger('click')
    await settle()
    const confirm = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find(
      (b) => b.textContent?.trim() === '删除',
    )
    expect(confirm).toBeDefined()
    confirm!.click()
    await settle()

    expect(deleteCommunity).toHaveBeenCalledWith(1)
    expect(document.querySelector('.el-notification')?.textContent).toContain(message)
  })
})
