import type { AuditEntry, Staffing, Stats } from '@/bindings'
import { call } from './invoke'

/** `asOf` null means today (the backend's clock). */
export const getStats = (asOf: string | null = null) => call<Stats>('get_stats', { asOf })

export const getStaffing = (asOf: string | null = null) =>
  call<Staffing>('get_staffing', { asOf })

export const recentChanges = (limit: number) =>
  call<AuditEntry[]>('recent_changes', { limit })
