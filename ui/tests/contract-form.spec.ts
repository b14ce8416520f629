// 合同 forms: 登记合同 sends the term and probation (no end for 无固定期限) and shows core's
// 第十九条 refusal under 试用期满日期; 试用期考核 shows core's refusal of 延长试用期 under 考核结果;
// neither dialog loses what was typed.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { Contract, WorkerContracts } from '@/bindings'
import { body, mountView, settle } from './mount'
import { date, errorNextTo, radio } from './formKit'

vi.mock('@/api/contracts', () => ({ addContract: vi.fn(), endContract: vi.fn(), recordProbationReview: vi.fn() }))
import { addContract, recordProbationReview } from '@/api/contracts'
import ContractForm from '@/views/workers/contract-form.vue'
import ContractRecordForm from '@/views/workers/contract-record-form.vue'

const LIMIT =
  '劳动合同期限三年以上固定期限的，试用期不得超过六个月（劳动合同法第十九条第一款）。本合同 2026-03-01 至 2029-02-28，试用期最迟到 2026-08-31，请改正试用期满日期。'
const EXTENSION = '法律不允许延长试用期，也不能再次约定试用期：同一用人单位与同一劳动者只能约定一次试用期（劳动合同法第十九条第二款）。'

const tab: WorkerContracts = {
  asOf: '2026-06-15',
  contracts: [],
  expiredNotRenewed: null,
  addRefusal: null,
  renewalOf: null,
  suggestedStart: '2026-03-01',
  defaultSigningParty: '翠苑街道',
}

afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

const save = async (test: string) => {
  await body().find(`[data-test=${test}]`).trigger('click')
  await settle()
}

describe('登记合同', () => {
  it('starts on the suggested day and sends the term, leaving 签订单位 to core', async () => {
    const { wrapper } = mountView(ContractForm, { props: { modelValue: true, workerId: 7, workerName: '张三', tab } })
    await flushPromises()
    date(wrapper, 'contract-end', '2029-02-28')
    date(wrapper, 'contract-probation', '2026-09-01')
    await settle()
    vi.mocked(addContract).mockRejectedValue({ kind: 'validation', field: 'probationEnd', message: LIMIT })
    await save('contract-save')
    expect(addContract).toHaveBeenCalledWith(7, {
      kind: '固定期限',
      signingParty: null,
      dispatchCompany: null,
      startOn: '2026-03-01',
      endOn: '2029-02-28',
      probationEnd: '2026-09-01',
      remarks: null,
    })
    expect(errorNextTo('contract-probation')).toBe(LIMIT)
    expect(body().find('.el-dialog').isVisible()).toBe(true)
  })

  it('sends no end for 无固定期限 and asks for the dispatch company of 劳务派遣', async () => {
    const { wrapper } = mountView(ContractForm, { props: { modelValue: true, workerId: 7, workerName: '张三', tab } })
    await flushPromises()
    await radio(wrapper, '劳务派遣')
    await settle()
    await save('contract-save')
    expect(addContract).not.toHaveBeenCalled()
    expect(errorNextTo('contract-dispatch')).toBe('劳务派遣合同请填写派遣单位。')
    await radio(wrapper, '无固定期限')
    await settle()
    vi.mocked(addContract).mockResolvedValue({ flags: [] } as unknown as Contract)
    await save('contract-save')
    expect(vi.mocked(addContract).mock.calls[0][1]).toMatchObject({ kind: '无固定期限', endOn: null, dispatchCompany: null })
  })
})

describe('试用期考核', () => {
  it('shows core’s refusal of 延长试用期 under 考核结果', async () => {
    const contract = { id: 3, startOn: '2026-03-01', endOn: '2029-02-28' } as Contract
    const { wrapper } = mountView(ContractRecordForm, { props: { modelValue: true, contract, what: 'review' } })
    await flushPromises()
    date(wrapper, 'contract-review-date', '2026-06-10')
    await radio(wrapper, '延长试用期')
    await settle()
    vi.mocked(recordProbationReview).mockRejectedValue({ kind: 'validation', field: 'outcome', message: EXTENSION })
    await save('contract-record-save')
    expect(recordProbationReview).toHaveBeenCalledWith(3, { reviewedOn: '2026-06-10', outcome: '延长试用期', remarks: null })
    expect(errorNextTo('contract-review-outcome')).toBe(EXTENSION)
  })
})
