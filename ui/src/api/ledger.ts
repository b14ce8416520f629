import type { BackupFile, ErrorDto, LedgerInfo, RestoreResult } from '@/bindings'
import { call } from './invoke'

export const ledgerInfo = () => call<LedgerInfo>('ledger_info')

/** Returns the path of the new backup file. */
export const backupNow = () => call<string>('backup_now')

/** The backups folder's files, newest first. */
export const listBackups = () => call<BackupFile[]>('list_backups')

/** Replaces the ledger with a backup (by file name); the ledger as it was is kept first. */
export const restoreBackup = (fileName: string) => call<RestoreResult>('restore_backup', { fileName })

/** Why the ledger could not be opened at start, or null when it is open. */
export const ledgerProblem = () => call<ErrorDto | null>('ledger_problem')

/** The ledger file's path, known even when it could not be opened. */
export const ledgerPath = () => call<string>('ledger_path')

/** For a ledger that could not be opened: set it aside and put this backup in its place. */
export const recoverLedger = (fileName: string) => call<RestoreResult>('recover_ledger', { fileName })
