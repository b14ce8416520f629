// The salary standard's category × level grid as the clerk edits it. Amounts stay the text
// the clerk typed (yuan); core (grades/salary.rs) turns them into fen and says which cell is
// wrong. A row may be filled only within its category's level range.
import type { GradeCategory, SalaryCell, SalaryVersion } from '@/bindings'

export interface GridRow {
  category: string
  minLevel: number
  maxLevel: number
  /** level → amount in yuan as typed */
  amounts: Record<number, string>
  /** false: the version has amounts for a category the chosen scheme does not have. */
  inScheme: boolean
}

export interface Grid {
  rows: GridRow[]
  /** Amounts of the version for a scheme category but outside its level range: not kept. */
  outside: SalaryCell[]
}

/**
 * The grid for a scheme's categories filled with `cells`. A category of the cells that the
 * scheme does not have keeps a row of its own (its levels as they are), so nothing is lost
 * silently; the clerk may remove it.
 */
export function buildGrid(categories: readonly GradeCategory[], cells: readonly SalaryCell[]): Grid {
  const rows: GridRow[] = categories.map((c) => ({
    category: c.name,
    minLevel: c.minLevel,
    maxLevel: c.maxLevel,
    amounts: {},
    inScheme: true,
  }))
  const outside: SalaryCell[] = []
  for (const cell of cells) {
    let row = rows.find((r) => r.category === cell.category)
    if (!row) {
      row = { category: cell.category, minLevel: cell.level, maxLevel: cell.level, amounts: {}, inScheme: false }
      rows.push(row)
    }
    if (!row.inScheme) {
      row.minLevel = Math.min(row.minLevel, cell.level)
      row.maxLevel = Math.max(row.maxLevel, cell.level)
    } else if (cell.level < row.minLevel || cell.level > row.maxLevel) {
      outside.push(cell)
      continue
    }
    row.amounts[cell.level] = cell.amount
  }
  return { rows, outside }
}

/** The cells of the grid as typed (a blank cell included, so core names it). */
export function gridCells(rows: readonly GridRow[]): SalaryCell[] {
  return rows.flatMap((r) => levelsBetween(r.minLevel, r.maxLevel).map((level) => ({ category: r.category, level, amount: r.amounts[level] ?? '' })))
}

/** The grid's columns: every level any row can have. */
export function gridLevels(rows: readonly GridRow[]): number[] {
  if (rows.length === 0) return []
  return levelsBetween(Math.min(...rows.map((r) => r.minLevel)), Math.max(...rows.map((r) => r.maxLevel)))
}

export const inRange = (row: GridRow, level: number) => level >= row.minLevel && level <= row.maxLevel

/** Puts generated amounts into the grid; returns how many cells were filled. */
export function fillCells(rows: GridRow[], cells: readonly SalaryCell[]): number {
  let filled = 0
  for (const cell of cells) {
    const row = rows.find((r) => r.category === cell.category)
    if (row && inRange(row, cell.level)) {
      row.amounts[cell.level] = cell.amount
      filled++
    }
  }
  return filled
}

export const hasAmounts = (rows: readonly GridRow[]) =>
  rows.some((r) => Object.values(r.amounts).some((a) => a.trim() !== ''))

/**
 * A block copied from Excel (tab between cells, a line per row) pasted at a cell: fills
 * rightwards and downwards from there, skipping cells outside a category's range. Returns how
 * many cells were filled (0: not a block, let the input take the text as usual).
 */
export function pasteBlock(rows: GridRow[], rowIndex: number, level: number, text: string): number {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  if (lines.length === 1 && !lines[0].includes('\t')) return 0
  let filled = 0
  lines.forEach((line, i) => {
    const row = rows[rowIndex + i]
    if (!row) return
    line.split('\t').forEach((value, j) => {
      const at = level + j
      if (inRange(row, at)) {
        row.amounts[at] = value.trim()
        filled++
      }
    })
  })
  return filled
}

function levelsBetween(from: number, to: number): number[] {
  const out: number[] = []
  for (let l = from; l <= to; l++) out.push(l)
  return out
}

/** 3000.00–5280.00 元，共 42 格 */
export function amountsText(v: SalaryVersion): string {
  const values = v.cells.map((c) => Number(c.amount)).filter((n) => Number.isFinite(n))
  if (values.length === 0) return '（未填写金额）'
  const min = Math.min(...values).toFixed(2)
  const max = Math.max(...values).toFixed(2)
  return `${min === max ? min : `${min}–${max}`} 元，共 ${v.cells.length} 格`
}

/** The version in effect on a date: the latest that has started. */
export function versionOn(versions: readonly SalaryVersion[], date: string): SalaryVersion | null {
  let best: SalaryVersion | null = null
  for (const v of versions) {
    if (v.effectiveFrom > date) continue
    if (!best || v.effectiveFrom > best.effectiveFrom) best = v
  }
  return best
}

const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 40,824.00 */
export const fenText = (fen: number) => money.format(fen / 100)
