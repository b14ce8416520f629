import type { LedgerInfo } from '@/bindings'
import { call } from './invoke'

export const ledgerInfo = () => call<LedgerInfo>('ledger_info')

/** Returns the path of the new backup file. */
export const backupNow = () => call<string>('backup_now')
