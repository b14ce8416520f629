import { Channel } from '@tauri-apps/api/core'
import type { ExportProgress, ExportResult, PrintResult, ReportOptions, ReportSheet, RosterQuery } from '@/bindings'
import { call } from './invoke'

export type OnProgress = (progress: ExportProgress) => void

// The Channel is made here so views only hand over a callback: they never touch Tauri, and
// tests can mock these wrappers and call `onProgress` themselves.
function progressChannel(onProgress: OnProgress): Channel<ExportProgress> {
  const channel = new Channel<ExportProgress>()
  channel.onmessage = onProgress
  return channel
}

export const reportSheets = () => call<ReportSheet[]>('report_sheets')

/**
 * Exports the county workbook. Rust shows the save dialog itself; null means the clerk
 * cancelled it.
 */
export const exportCounty = (options: ReportOptions, onProgress: OnProgress) =>
  call<ExportResult | null>('export_county', { options, onProgress: progressChannel(onProgress) })

/** Exports the rows of this roster query (filters and sort; every page). Null when cancelled. */
export const exportRoster = (query: RosterQuery, fullIdNumbers: boolean, onProgress: OnProgress) =>
  call<ExportResult | null>('export_roster', {
    query,
    fullIdNumbers,
    onProgress: progressChannel(onProgress),
  })

/** Opens the last exported file, or (folder) shows it in its folder. */
export const openLastExport = (folder: boolean) => call<null>('open_last_export', { folder })

/**
 * 打印 of the roster on screen: a print-ready workbook written to the print folder and opened
 * in Excel / WPS (no save dialog).
 */
export const printRoster = (query: RosterQuery, onProgress: OnProgress) =>
  call<PrintResult>('print_roster', { query, onProgress: progressChannel(onProgress) })

/** 人员登记表 of these people, or of everyone `query` lists (every page), opened for printing. */
export const printRegistration = (
  who: { workerIds: number[] } | { query: RosterQuery },
  fullIdNumbers: boolean,
  onProgress: OnProgress,
) =>
  call<PrintResult>('print_registration', {
    workerIds: 'workerIds' in who ? who.workerIds : [],
    query: 'query' in who ? who.query : null,
    fullIdNumbers,
    onProgress: progressChannel(onProgress),
  })
