import type { BackupFile, LedgerInfo, RestoreResult } from '@/bindings'
import { call } from './invoke'

export const ledgerInfo = () => call<LedgerInfo>('ledger_info')

/** Returns the path of the new backup file. */
export const backupNow = () => call<string>('backup_now')

/** The backups folder's files, newest first. */
export const listBackups = () => call<BackupFile[]>('list_backups')

/** Replaces the ledger with a backup (by file name); the ledger as it was is kept first. */
export const restoreBackup = (fileName: string) => call<RestoreResult>('restore_backup', { fileName })
