// The person page's 删除(误录): off, with core's reason as its tooltip, when core says the
// record must stay; otherwise it asks, deletes, and shows core's refusal if core still refuses.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElTooltip } from 'element-plus'
import type { Worker, WorkerDetail } from '@/bindings'
import { vocabulary, workerInput } from './fixtures'
import { answerBox, body, mountView, settle } from './mount'

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }))
import { invoke } from '@tauri-apps/api/core'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import Detail from '@/views/workers/detail.vue'

const worker: Worker = {
  ...workerInput,
  id: 7,
  name: '王五',
  communityName: '幸福社区',
  gender: '女',
  birthDate: '1949-12-31',
  age: 76,
  status: '在岗',
  serviceMonths: 75,
}

const REFUSAL =
  '不能删除“王五”：此人已有退出记录，不是误录的记录，台账要保留。退出的人员不删除，记录连同退出日期和原因一直保留；信息录错请点“编辑”改正，退出登记有误请“修改退出”或“撤销退出”。'

/** Answers the page's commands: the detail given, empty lists for the tabs. */
function backend(detail: WorkerDetail, deleteWorker: () => Promise<unknown> = async () => null) {
  vi.mocked(invoke).mockImplementation(async (cmd: string) => {
    switch (cmd) {
      case 'get_worker':
        return detail
      case 'get_vocabulary':
        return vocabulary
      case 'delete_worker':
        return deleteWorker()
      case 'worker_cadence':
      case 'worker_salary':
        return null
      default:
        return []
    }
  })
}

const deleteButton = () => body().find<HTMLButtonElement>('[data-test=worker-delete]')
const deleteCalls = () => vi.mocked(invoke).mock.calls.filter(([cmd]) => cmd === 'delete_worker')

beforeEach(() => resetVocabularyCache())
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('删除(误录) on the person page', () => {
  it('is off, with core’s reason as its tooltip, for a person who must stay', async () => {
    backend({
      worker: { ...worker, status: '已退出' },
      certificates: [],
      exit: { exitDate: '2025-06-30', reason: '辞职', remarks: null },
      history: [],
      deleteRefusal: REFUSAL,
    })
    const { wrapper } = mountView(Detail, { props: { id: 7 } })
    await settle()
    expect(deleteButton().text()).toBe('删除(误录)')
    expect(deleteButton().element.disabled).toBe(true)
    const tip = wrapper.findAllComponents(ElTooltip).find((t) => t.props('content') === REFUSAL)
    expect(tip?.props('disabled')).toBe(false)
    await deleteButton().trigger('click')
    await settle()
    expect(document.querySelector('.el-message-box')).toBeNull()
    expect(deleteCalls()).toHaveLength(0)
  })

  it('asks and deletes a mistaken entry, and shows core’s message if core refuses', async () => {
    const refusal = { kind: 'conflict', message: REFUSAL }
    backend(
      { worker, certificates: [], exit: null, history: [], deleteRefusal: null },
      () => Promise.reject(refusal),
    )
    const { wrapper } = mountView(Detail, { props: { id: 7 } })
    await settle()
    expect(deleteButton().element.disabled).toBe(false)
    const tip = wrapper.findAllComponents(ElTooltip).find((t) => t.props('content') === '' && t.props('placement') === 'bottom-end')
    expect(tip?.props('disabled')).toBe(true)
    await deleteButton().trigger('click')
    await answerBox('确定删除')
    expect(deleteCalls()).toEqual([['delete_worker', { id: 7 }]])
    expect(document.querySelector('.el-notification')?.textContent).toContain(REFUSAL)
  })
})
