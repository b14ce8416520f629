import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BackupFile } from '@/bindings'
import { answerBox, mountView, settle } from './mount'

vi.mock('@/api/ledger', () => ({
  ledgerInfo: vi.fn(),
  backupNow: vi.fn(),
  listBackups: vi.fn(),
  restoreBackup: vi.fn(),
  ledgerProblem: vi.fn(),
  ledgerPath: vi.fn(),
  recoverLedger: vi.fn(),
  offsiteStatus: vi.fn(),
  saveOffsite: vi.fn(),
  chooseOffsiteDir: vi.fn(),
  backupOffsiteNow: vi.fn(),
  chooseBackupFile: vi.fn(),
  restoreChosenBackup: vi.fn(),
}))

vi.mock('@/layout/AppLayout.vue', async () => {
  const { h } = await import('vue')
  return { default: { render: () => h('div', { 'data-test': 'layout' }, '台账') } }
})

import * as ledger from '@/api/ledger'
import App from '@/App.vue'
import { reloadWithNotice } from '@/lib/afterReload'
import Backups from '@/views/settings/backups.vue'
import LedgerRecovery from '@/views/recovery/index.vue'
import { sizeText } from '@/views/settings/rules'
import { takeNoticeAfterReload } from '@/lib/afterReload'

const backup = (fileName: string, kind: string, over: Partial<BackupFile> = {}): BackupFile => ({
  fileName,
  kind,
  savedAt: '2026-11-28 09:00',
  sizeBytes: 1_572_864,
  communities: 8,
  workers: 152,
  problem: null,
  checkedAt: '2026-11-28 09:00',
  checkPassed: true,
  ...over,
})

const DAILY = backup('每日备份-2026-11-28.db', '每日备份')
const BROKEN = backup('其他-坏文件.db', '其他', {
  communities: null,
  workers: null,
  sizeBytes: 18,
  problem: '这个文件不是社工台账的数据文件，或者已经损坏，不能用来恢复。请选择另一份备份。',
  checkedAt: null,
  checkPassed: null,
})

const reload = vi.fn()
beforeEach(() => {
  vi.mocked(ledger.listBackups).mockResolvedValue([DAILY, BROKEN])
  Object.defineProperty(window, 'location', { value: { ...window.location, reload }, configurable: true })
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('备份与恢复', () => {
  it('lists each backup with what it holds, and cannot restore a damaged one', async () => {
    const { wrapper } = mountView(Backups)
    await settle()
    const rows = wrapper.findAll('[data-test=backup-table] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('每日备份')
    expect(rows[0].text()).toContain('152')
    expect(rows[0].text()).toContain('1.5 MB')
    expect(rows[0].text()).toContain('已校验')
    expect(rows[1].text()).toContain('不是社工台账的数据文件')
    expect(rows[1].text()).toContain('未校验')
    const broken = wrapper.find('[data-test="backup-restore-其他-坏文件.db"]')
    expect(broken.attributes('disabled')).toBeDefined()
  })

  it('says what will be replaced, restores on yes, and reloads the window', async () => {
    vi.mocked(ledger.restoreBackup).mockResolvedValue({
      restoredFrom: DAILY.fileName,
      safetyCopy: '恢复前备份-20261129-101500.db',
      communities: 8,
      workers: 152,
    })
    const { wrapper } = mountView(Backups)
    await settle()
    await wrapper.find('[data-test="backup-restore-每日备份-2026-11-28.db"]').trigger('click')
    await settle()
    const box = document.querySelector('.el-message-box')?.textContent ?? ''
    expect(box).toContain('8 个社区、152 人')
    expect(box).toContain('恢复前备份')
    await answerBox('恢复')
    expect(ledger.restoreBackup).toHaveBeenCalledWith('每日备份-2026-11-28.db')
    expect(reload).toHaveBeenCalled()
    // What the app shows once it is back.
    expect(takeNoticeAfterReload()).toContain('恢复前备份-20261129-101500.db')
    expect(takeNoticeAfterReload()).toBeNull()
  })

  it('keeps the ledger and the page when the clerk cancels or core refuses', async () => {
    vi.mocked(ledger.restoreBackup).mockRejectedValue({
      kind: 'tooNew',
      field: null,
      message: '台账文件的版本（9）比本程序支持的版本（3）新，请升级社工台账后再打开。',
    })
    const { wrapper } = mountView(Backups)
    await settle()
    const button = () => wrapper.find('[data-test="backup-restore-每日备份-2026-11-28.db"]')
    await button().trigger('click')
    await answerBox('取消')
    expect(ledger.restoreBackup).not.toHaveBeenCalled()
    await button().trigger('click')
    await answerBox('恢复')
    expect(document.body.textContent).toContain('请升级社工台账')
    expect(reload).not.toHaveBeenCalled()
    expect(button().attributes('disabled')).toBeUndefined()
  })

  it('restores from a file elsewhere, asking the password of an encrypted copy', async () => {
    vi.mocked(ledger.chooseBackupFile).mockResolvedValue({
      fileName: '异地备份-20261201-090000.db.age',
      folder: 'E:\\社工台账备份',
      encrypted: true,
    })
    vi.mocked(ledger.restoreChosenBackup)
      .mockRejectedValueOnce({ kind: 'validation', field: 'password', message: '密码不对，打不开这份加密备份。' })
      .mockResolvedValueOnce({ restoredFrom: '外部备份-x.db', safetyCopy: '恢复前备份-1.db', communities: 8, workers: 152 })
    const { wrapper } = mountView(Backups)
    await settle()
    await wrapper.find('[data-test=backup-restore-external]').trigger('click')
    await settle()
    const dialog = () => document.body.querySelector('.el-dialog')?.textContent ?? ''
    expect(dialog()).toContain('异地备份-20261201-090000.db.age')
    const restore = () => (document.body.querySelector('[data-test=external-restore]') as HTMLButtonElement).click()
    restore()
    await settle()
    expect(ledger.restoreChosenBackup).not.toHaveBeenCalled()
    expect(dialog()).toContain('请输入设置异地备份时的密码')
    const input = document.body.querySelector('[data-test=external-password] input') as HTMLInputElement
    input.value = '错的密码'
    input.dispatchEvent(new Event('input'))
    restore()
    await settle()
    expect(ledger.restoreChosenBackup).toHaveBeenLastCalledWith('错的密码')
    expect(dialog()).toContain('密码不对')
    expect(reload).not.toHaveBeenCalled()
    restore()
    await settle()
    expect(reload).toHaveBeenCalled()
  })

  it('writes sizes the way a clerk reads them', () => {
    expect(sizeText(18)).toBe('1 KB')
    expect(sizeText(880_640)).toBe('860 KB')
    expect(sizeText(1_572_864)).toBe('1.5 MB')
  })
})

describe('台账打不开', () => {
  const damaged = {
    kind: 'damaged' as const,
    message: '数据库错误：file is not a database。数据未被修改，请重试；如果反复出现，请联系技术支持并提供此信息。',
  }

  it('says why, where the file is, and recovers from a backup setting the file aside', async () => {
    vi.mocked(ledger.ledgerPath).mockResolvedValue('C:\\Users\\办事员\\AppData\\Roaming\\cn.shegong.taizhang\\ledger.db')
    vi.mocked(ledger.recoverLedger).mockResolvedValue({
      restoredFrom: DAILY.fileName,
      safetyCopy: '打不开的台账-20261129-101500.db',
      communities: 8,
      workers: 152,
    })
    const { wrapper } = mountView(LedgerRecovery, { props: { problem: damaged } })
    await settle()
    expect(wrapper.text()).toContain('台账打不开')
    expect(wrapper.text()).toContain('file is not a database')
    expect(wrapper.text()).toContain('cn.shegong.taizhang')
    await wrapper.find('[data-test="backup-restore-每日备份-2026-11-28.db"]').trigger('click')
    await settle()
    expect(document.querySelector('.el-message-box')?.textContent).toContain('打不开的台账文件不会删除')
    await answerBox('恢复')
    expect(ledger.recoverLedger).toHaveBeenCalledWith('每日备份-2026-11-28.db')
    expect(ledger.restoreBackup).not.toHaveBeenCalled()
  })

  it('offers no backup for a locked ledger: an older copy would lose the newer data', async () => {
    vi.mocked(ledger.ledgerPath).mockResolvedValue('ledger.db')
    const locked = { kind: 'db' as const, message: '数据库错误：database is locked。数据未被修改，请重试。' }
    const { wrapper } = mountView(LedgerRecovery, { props: { problem: locked } })
    await settle()
    expect(wrapper.find('[data-test=recovery-advice]').text()).toContain('关闭其他可能正在使用它的程序')
    expect(wrapper.find('[data-test=backup-table]').exists()).toBe(false)
  })

  it('offers no backup for a file from a newer version: the program must be upgraded', async () => {
    vi.mocked(ledger.ledgerPath).mockResolvedValue('ledger.db')
    const tooNew = { kind: 'tooNew' as const, message: '台账文件的版本（9）比本程序支持的版本（3）新，请升级社工台账后再打开。' }
    const { wrapper } = mountView(LedgerRecovery, { props: { problem: tooNew } })
    await settle()
    expect(wrapper.text()).toContain('请安装新版本')
    expect(wrapper.find('[data-test=backup-table]').exists()).toBe(false)
    expect(ledger.listBackups).not.toHaveBeenCalled()
  })
})

describe('the app at start', () => {
  it('opens the ledger when it is fine, and shows a notice left before a reload once', async () => {
    vi.mocked(ledger.ledgerProblem).mockResolvedValue(null)
    reloadWithNotice('已从“每日备份-2026-11-28.db”恢复')
    reload.mockClear()
    const { wrapper } = mountView(App)
    await settle()
    expect(wrapper.find('[data-test=layout]').exists()).toBe(true)
    expect(document.querySelector('.el-notification')?.textContent).toContain('已从“每日备份-2026-11-28.db”恢复')
    expect(takeNoticeAfterReload()).toBeNull()
  })

  it('opens the recovery page instead when the ledger could not be opened', async () => {
    vi.mocked(ledger.ledgerPath).mockResolvedValue('ledger.db')
    vi.mocked(ledger.ledgerProblem).mockResolvedValue({ kind: 'damaged', message: '台账文件已损坏，无法读取（不是有效的数据库文件）。' })
    const { wrapper } = mountView(App)
    await settle()
    expect(wrapper.find('[data-test=layout]').exists()).toBe(false)
    expect(wrapper.find('[data-test=recovery]').text()).toContain('台账文件已损坏')
  })
})
