// The scheme editor's working copy and how schemes are described in the list. Core
// (grades/scheme.rs) checks every rule when the scheme is saved; nothing is decided here.
import type { GradeCategory, Scheme, SchemeInput } from '@/bindings'

/** A category row being edited. `key` stays the same while the clerk renames the row, so the
 *  职务 mapping follows a renamed category instead of losing it. */
export interface CategoryRow {
  key: number
  name: string
  minLevel: number | null
  maxLevel: number | null
}

export interface SchemeForm {
  name: string
  effectiveFrom: string | null
  remarks: string
  /** Highest post first. */
  categories: CategoryRow[]
  /** 职务 → the key of a category row (null: not chosen yet). */
  mapping: Record<string, number | null>
}

let nextKey = 1

export function categoryRow(c?: Partial<GradeCategory>): CategoryRow {
  return { key: nextKey++, name: c?.name ?? '', minLevel: c?.minLevel ?? 1, maxLevel: c?.maxLevel ?? 12 }
}

/** The form for editing `source` (copy: a new scheme from it, with its own name and date). */
export function schemeForm(source: Scheme | null, copy: boolean): SchemeForm {
  const categories = (source?.categories ?? []).map((c) => categoryRow(c))
  const mapping: Record<string, number | null> = {}
  for (const m of source?.mapping ?? []) {
    mapping[m.position] = categories.find((c) => c.name === m.category)?.key ?? null
  }
  return {
    name: copy ? '' : (source?.name ?? ''),
    effectiveFrom: copy ? null : (source?.effectiveFrom ?? null),
    // A template's remarks are about the template; the copy starts without any.
    remarks: copy && source?.isTemplate ? '' : (source?.remarks ?? ''),
    categories: categories.length > 0 ? categories : [categoryRow()],
    mapping,
  }
}

/** What is sent to core. Positions not mapped yet are left out: core then names them. */
export function schemeInput(form: SchemeForm, positions: readonly string[]): SchemeInput {
  const all = positions.length > 0 ? positions : Object.keys(form.mapping)
  const remarks = form.remarks.trim()
  return {
    name: form.name.trim(),
    effectiveFrom: form.effectiveFrom || null,
    remarks: remarks === '' ? null : remarks,
    categories: form.categories.map((c) => ({
      name: c.name.trim(),
      minLevel: c.minLevel ?? 0,
      maxLevel: c.maxLevel ?? 0,
    })),
    mapping: all.flatMap((position) => {
      const row = form.categories.find((c) => c.key === form.mapping[position])
      return row ? [{ position, category: row.name.trim() }] : []
    }),
  }
}

/** Moves a row up (-1) or down (+1); the order is the order of the posts, highest first. */
export function moveRow(rows: CategoryRow[], index: number, delta: -1 | 1) {
  const to = index + delta
  if (to < 0 || to >= rows.length) return
  const [row] = rows.splice(index, 1)
  rows.splice(to, 0, row)
}

/** Removes a row; the 职务 that pointed at it must be mapped again. */
export function removeRow(form: SchemeForm, index: number) {
  const [row] = form.categories.splice(index, 1)
  if (!row) return
  for (const position of Object.keys(form.mapping)) {
    if (form.mapping[position] === row.key) form.mapping[position] = null
  }
}

/** The 职务 mapped to a row, for the row's last column. */
export const positionsOf = (form: SchemeForm, key: number, positions: readonly string[]) =>
  positions.filter((p) => form.mapping[p] === key)

export const rangeText = (c: { minLevel: number; maxLevel: number }) => `${c.minLevel}–${c.maxLevel} 级`

/** 正职 7–18 级；副职 4–15 级 */
export const categoriesText = (s: Scheme) => s.categories.map((c) => `${c.name} ${rangeText(c)}`).join('；')

/** 正职：书记、主任；副职：副书记、副主任 — in the order of the categories. */
export function mappingText(s: Scheme): string {
  return s.categories
    .map((c) => {
      const positions = s.mapping.filter((m) => m.category === c.name).map((m) => m.position)
      return positions.length > 0 ? `${c.name}：${positions.join('、')}` : ''
    })
    .filter((t) => t !== '')
    .join('；')
}

export type SchemeState = 'template' | 'current' | 'future' | 'past'

/** Where a scheme stands on `today`, given the one in effect. */
export function schemeState(s: Scheme, inEffect: Scheme | null, today: string): SchemeState {
  if (s.isTemplate) return 'template'
  if (inEffect && s.id === inEffect.id) return 'current'
  return (s.effectiveFrom ?? '') > today ? 'future' : 'past'
}
