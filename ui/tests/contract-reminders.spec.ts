// 设置's 合同到期提醒天数: shows the saved days, checks what the clerk types before sending, sends
// the days as numbers, and shows core's refusal under the field.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { mountView, settle } from './mount'

vi.mock('@/api/contracts', () => ({ contractRules: vi.fn(), saveContractRules: vi.fn() }))
import * as api from '@/api/contracts'
import ContractReminders from '@/views/settings/contract-reminders.vue'

afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function mounted() {
  vi.mocked(api.contractRules).mockResolvedValue({ reminderDays: [60, 30, 7] })
  const view = mountView(ContractReminders)
  await settle()
  return view.wrapper
}

describe('合同到期提醒天数', () => {
  it('shows the saved days and sends new ones as numbers', async () => {
    const wrapper = await mounted()
    const input = wrapper.find('[data-test=settings-contract-days] input')
    expect((input.element as HTMLInputElement).value).toBe('60、30、7')
    vi.mocked(api.saveContractRules).mockResolvedValue({ reminderDays: [90, 14] })
    await input.setValue('90, 14')
    await wrapper.find('[data-test=settings-contract-save]').trigger('click')
    await settle()
    expect(api.saveContractRules).toHaveBeenCalledWith({ reminderDays: [90, 14] })
    expect((input.element as HTMLInputElement).value).toBe('90、14')
  })

  it('sends nothing while the days are not largest first', async () => {
    const wrapper = await mounted()
    await wrapper.find('[data-test=settings-contract-days] input').setValue('7、30')
    await wrapper.find('[data-test=settings-contract-save]').trigger('click')
    await settle()
    expect(api.saveContractRules).not.toHaveBeenCalled()
    expect(wrapper.text()).toContain('须从大到小排列且不重复')
  })

  it('shows core’s refusal under the field and keeps what was typed', async () => {
    const wrapper = await mounted()
    // Core is the authority: whatever it refuses shows where the clerk typed.
    const message = '合同到期提醒天数须从大到小排列且不重复，例如 60、30、7。'
    vi.mocked(api.saveContractRules).mockRejectedValue({ kind: 'validation', field: 'reminderDays', message })
    const input = wrapper.find('[data-test=settings-contract-days] input')
    await input.setValue('45、15')
    await wrapper.find('[data-test=settings-contract-save]').trigger('click')
    await settle()
    expect(api.saveContractRules).toHaveBeenCalledWith({ reminderDays: [45, 15] })
    expect(wrapper.find('.el-form-item__error').text()).toBe(message)
    expect((input.element as HTMLInputElement).value).toBe('45、15')
  })
})
