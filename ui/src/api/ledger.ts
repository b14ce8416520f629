import type {
  BackupFile,
  ErrorDto,
  ExternalBackup,
  LedgerInfo,
  LedgerLocation,
  Moved,
  OffsiteInput,
  OffsiteStatus,
  RestoreResult,
} from '@/bindings'
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

/** 异地备份: the chosen location, the last copy off the disk, and the reminder if one is due. */
export const offsiteStatus = () => call<OffsiteStatus>('offsite_status')

export const saveOffsite = (input: OffsiteInput) => call<OffsiteStatus>('save_offsite', { input })

/** Asks for the 异地备份 location in a folder dialog; null when the clerk cancels. */
export const chooseOffsiteDir = () => call<string | null>('choose_offsite_dir')

/** Writes a copy to the 异地备份 location now; returns its path. */
export const backupOffsiteNow = () => call<string>('backup_offsite_now')

/** Asks for a backup file kept elsewhere; null when the clerk cancels. */
export const chooseBackupFile = () => call<ExternalBackup | null>('choose_backup_file')

/** Restores from the chosen file (brought into the backups folder and checked first). */
export const restoreChosenBackup = (password: string | null) =>
  call<RestoreResult>('restore_chosen_backup', { password })

/** Where the ledger is: a move made at start, a network-drive warning. */
export const ledgerLocation = () => call<LedgerLocation>('ledger_location')

/** Asks for a folder on the local disk for the ledger; null when the clerk cancels. */
export const chooseLedgerDir = () => call<string | null>('choose_ledger_dir')

/** Moves the ledger and its backups into the folder (checked copies; the old file renamed). */
export const moveLedger = (dir: string) => call<Moved>('move_ledger', { dir })

/** Starts the app again on the moved ledger. */
export const restartApp = () => call<void>('restart_app')
