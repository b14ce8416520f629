// The import dialog's pure calculations: the sheets as the clerk edits them, the request they
// make, and what the preview's tables show — plain functions of the inspection and the plan,
// with no state of their own (the session in session.ts holds the state).
import type {
  ColumnInfo,
  ImportField,
  ImportPlan,
  PlanRow,
  SheetChoice,
  SheetInfo,
  SheetPlan,
} from '@/bindings'

export interface SheetState {
  name: string
  hidden: boolean
  include: boolean
  /** As found by inspect (1-based), None when no header was found. */
  detectedHeaderRow: number | null
  /** The row the clerk set; null = as detected. */
  forcedHeaderRow: number | null
  headerRows: number
  dataRows: number
  columns: ColumnInfo[]
  /** The header row changed: the columns are the old ones until the next preview answers. */
  columnsStale: boolean
  /** The community for rows without one ('' = none). */
  community: string
  proposedCommunity: string | null
  communityFrom: string | null
  /** Why inspect would not import the sheet as it is; hidden once the clerk changes it. */
  problem: string | null
  touched: boolean
  /** The columns inspect found, to come back to when the detected header row is set again. */
  original: ColumnInfo[]
}

/** A value choice with what the select needs to show it after the plan stops asking. */
export interface ChosenValue {
  field: ImportField
  column: string
  raw: string
  value: string
  options: string[]
}

export const rowKey = (sheet: string, row: number) => `${sheet}\u0000${row}`
export const valueKey = (field: ImportField, raw: string) => `${field}\u0000${raw}`

/** A copy the clerk's changes can edit (the inspection itself stays as the core sent it). */
const toColumn = (c: ColumnInfo): ColumnInfo => ({ ...c })

export function sheetFromInfo(info: SheetInfo): SheetState {
  const columns = info.columns.map(toColumn)
  return {
    name: info.name,
    hidden: info.hidden,
    include: info.selected,
    detectedHeaderRow: info.headerRow,
    forcedHeaderRow: null,
    headerRows: info.headerRows,
    dataRows: info.dataRows,
    columns,
    columnsStale: false,
    // The core's default choice: the proposed community when the sheet has no community column.
    community: info.defaultChoice.community ?? '',
    proposedCommunity: info.proposedCommunity,
    communityFrom: info.communityFrom,
    problem: info.problem,
    touched: false,
    original: columns.map((c) => ({ ...c })),
  }
}

/** The columns after the core laid out the sheet with another header row (no samples). */
export function columnsFromPlan(sp: SheetPlan): ColumnInfo[] {
  const fields = new Map(sp.mapping.map((m) => [m.column, m.field]))
  return sp.headers.map((header, index) => ({
    index,
    letter: sp.letters[index] ?? '',
    header,
    field: fields.get(index) ?? null,
    remembered: false,
    samples: [],
    note: null,
  }))
}

export const headerRowOf = (s: SheetState) => s.forcedHeaderRow ?? s.detectedHeaderRow
export const hasCommunityColumn = (s: SheetState) => s.columns.some((c) => c.field === 'community')

export function sheetChoice(s: SheetState): SheetChoice {
  const choice: SheetChoice = { name: s.name }
  if (s.forcedHeaderRow !== null) choice.headerRow = s.forcedHeaderRow
  // Stale columns belong to the old header row: let the core propose for the new one.
  if (!s.columnsStale) choice.mapping = s.columns.map((c) => ({ column: c.index, field: c.field }))
  const community = s.community.trim()
  if (community !== '') choice.community = community
  return choice
}

// ---- what the preview's tables show, computed once per plan ----

export interface IssueEntry {
  key: string
  sheet: string
  row: number
  name: string
  idNumber: string
  column: string
  message: string
  status: PlanRow['status']
}

function issues(plan: ImportPlan, pick: (r: PlanRow) => PlanRow['errors'], only?: PlanRow['status']) {
  const out: IssueEntry[] = []
  for (const r of plan.rows) {
    if (only && r.status !== only) continue
    const list = pick(r)
    list.forEach((issue, i) =>
      out.push({
        key: `${rowKey(r.sheet, r.row)}\u0000${i}`,
        sheet: r.sheet,
        row: r.row,
        name: r.name,
        idNumber: r.idNumber,
        column: issue.column,
        message: issue.message,
        status: r.status,
      }),
    )
  }
  return out
}

/** One line per reason a row was rejected (a row can have several). */
export const rejectedEntries = (plan: ImportPlan) => issues(plan, (r) => r.errors, 'rejected')
/** Notes on rows that will be imported or were checked (month-only dates, 性别 vs ID …). */
export const warningEntries = (plan: ImportPlan) => issues(plan, (r) => r.warnings)

export interface PendingValue {
  key: string
  field: ImportField
  column: string
  raw: string
  options: string[]
  rows: number
  chosen: string | null
}

/** The cells the core asks the clerk about, one line per field and text, plus those answered. */
export function pendingValues(plan: ImportPlan | null, chosen: Record<string, ChosenValue>): PendingValue[] {
  const byKey = new Map<string, PendingValue>()
  for (const r of plan?.rows ?? []) {
    for (const c of r.choices) {
      const key = valueKey(c.field, c.raw)
      const entry = byKey.get(key)
      if (entry) entry.rows++
      else byKey.set(key, { key, field: c.field, column: c.column, raw: c.raw, options: c.options, rows: 1, chosen: null })
    }
  }
  for (const [key, v] of Object.entries(chosen)) {
    const entry = byKey.get(key)
    if (entry) entry.chosen = v.value
    else byKey.set(key, { key, field: v.field, column: v.column, raw: v.raw, options: v.options, rows: 0, chosen: v.value })
  }
  return [...byKey.values()]
}
