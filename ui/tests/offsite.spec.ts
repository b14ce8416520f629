// 异地备份 on the 设置 page: the location is chosen in a dialog (never typed), a password is
// asked twice with the warning that it cannot be recovered, core's refusal shows next to its
// field, and 立即异地备份 reports where the copy went.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ElSwitch } from 'element-plus'
import type { OffsiteStatus } from '@/bindings'
import { body, mountView, settle } from './mount'
import { errorNextTo, input } from './formKit'

vi.mock('@/api/ledger', () => ({
  offsiteStatus: vi.fn(),
  saveOffsite: vi.fn(),
  chooseOffsiteDir: vi.fn(),
  backupOffsiteNow: vi.fn(),
}))
import * as ledger from '@/api/ledger'
import Offsite from '@/views/settings/offsite.vue'

const none: OffsiteStatus = {
  dir: null,
  folder: null,
  present: false,
  remindDays: 7,
  encrypted: false,
  lastCopyAt: null,
  lastCopyFile: null,
  reminder: '还没有设置异地备份：现在所有备份都和台账在同一块硬盘上。',
}
const set: OffsiteStatus = { ...none, dir: 'E:\\', folder: 'E:\\社工台账备份', present: true, reminder: null, encrypted: true }

beforeEach(() => {
  vi.mocked(ledger.offsiteStatus).mockResolvedValue(none)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function type(dataTest: string, value: string) {
  const el = input(dataTest).element
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}

const click = async (dataTest: string) => {
  await body().find(`[data-test=${dataTest}]`).trigger('click')
  await settle()
}

describe('异地备份', () => {
  it('says nothing is off the disk yet, and saves a chosen location with a password typed twice', async () => {
    vi.mocked(ledger.chooseOffsiteDir).mockResolvedValue('E:\\')
    vi.mocked(ledger.saveOffsite).mockResolvedValue(set)
    const { wrapper } = mountView(Offsite)
    await settle()
    expect(body().find('[data-test=offsite-reminder]').text()).toContain('还没有设置异地备份')
    expect(body().find('[data-test=offsite-now]').attributes('disabled')).toBeDefined()

    await click('offsite-choose')
    expect(input('offsite-dir').element.value).toBe('E:\\')
    wrapper.findComponent(ElSwitch).vm.$emit('update:modelValue', true)
    await settle()
    expect(body().text()).toContain('密码忘记了就无法恢复')
    await click('offsite-save')
    expect(ledger.saveOffsite).not.toHaveBeenCalled()
    expect(errorNextTo('offsite-password')).toContain('请设置密码')

    await type('offsite-password', '翠苑街道2026')
    await type('offsite-confirm', '翠苑街道2025')
    await click('offsite-save')
    expect(errorNextTo('offsite-confirm')).toBe('两次输入的密码不一致。')
    expect(ledger.saveOffsite).not.toHaveBeenCalled()

    await type('offsite-confirm', '翠苑街道2026')
    await click('offsite-save')
    expect(ledger.saveOffsite).toHaveBeenCalledWith({
      dir: 'E:\\',
      remindDays: 7,
      encrypted: true,
      password: '翠苑街道2026',
    })
    expect(body().find('[data-test=offsite-present]').text()).toContain('能访问')
  })

  it('copies now and says where; a missing stick is said plainly', async () => {
    vi.mocked(ledger.offsiteStatus).mockResolvedValue(set)
    vi.mocked(ledger.backupOffsiteNow)
      .mockRejectedValueOnce({ kind: 'validation', field: 'dir', message: '现在找不到异地备份位置“E:\\”（U 盘没有插上，或共享文件夹没有连上）。' })
      .mockResolvedValueOnce('E:\\社工台账备份\\异地备份-20261205-120000.db.age')
    mountView(Offsite)
    await settle()
    await click('offsite-now')
    expect(document.body.textContent).toContain('U 盘没有插上')
    await click('offsite-now')
    expect(body().find('[data-test=offsite-copied]').text()).toContain('异地备份-20261205-120000.db.age')
    // Saved without retyping: the password set before is kept (none is sent).
    vi.mocked(ledger.saveOffsite).mockResolvedValue(set)
    await click('offsite-save')
    expect(ledger.saveOffsite).toHaveBeenCalledWith({ dir: 'E:\\', remindDays: 7, encrypted: true, password: undefined })
  })
})
