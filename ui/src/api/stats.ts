import type { AuditEntry, Reminders, Staffing, Stats, TeamProfile } from '@/bindings'
import { call } from './invoke'

/** `asOf` null means today (the backend's clock). */
export const getStats = (asOf: string | null = null) => call<Stats>('get_stats', { asOf })

/** 待办提醒 as of `asOf` (null: today), the same list as `shegong reminders`. */
export const getReminders = (asOf: string | null = null) =>
  call<Reminders>('get_reminders', { asOf })

/** The home page's team charts as of `asOf` (null: today). */
export const teamProfile = (asOf: string | null = null) => call<TeamProfile>('team_profile', { asOf })

export const getStaffing = (asOf: string | null = null) =>
  call<Staffing>('get_staffing', { asOf })

export const recentChanges = (limit: number) =>
  call<AuditEntry[]>('recent_changes', { limit })
