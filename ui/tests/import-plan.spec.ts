// The import dialog's pure calculations (views/workers/import/plan.ts): the sheets start
// from core's default choice and take their column letters from core.
import { describe, expect, it } from 'vitest'
import type { ImportPlan, PlanRow, SheetInfo, SheetPlan } from '@/bindings'
import {
  columnsFromPlan,
  pendingValues,
  rejectedEntries,
  sheetChoice,
  sheetFromInfo,
  valueKey,
} from '@/views/workers/import/plan'

function info(over: Partial<SheetInfo> = {}): SheetInfo {
  return {
    name: '和平社区',
    hidden: false,
    headerRow: 3,
    headerRows: 1,
    dataRows: 2,
    columns: [
      { index: 0, letter: 'A', header: '姓名', field: 'name', remembered: false, samples: ['张三'], note: null },
      { index: 1, letter: 'B', header: '身份证号', field: 'idNumber', remembered: true, samples: [], note: null },
    ],
    proposedCommunity: '和平社区',
    communityFrom: '标题行',
    hasCommunityColumn: false,
    selected: true,
    defaultChoice: { name: '和平社区', community: '和平社区' },
    problem: null,
    ...over,
  }
}

describe('import plan calculations', () => {
  it('starts a sheet from core’s default choice', () => {
    const s = sheetFromInfo(info())
    expect(s.include).toBe(true)
    expect(s.community).toBe('和平社区')
    expect(sheetChoice(s)).toEqual({
      name: '和平社区',
      mapping: [
        { column: 0, field: 'name' },
        { column: 1, field: 'idNumber' },
      ],
      community: '和平社区',
    })
    // No community in the default choice (the sheet has a community column): none is sent.
    const withColumn = sheetFromInfo(info({ hasCommunityColumn: true, defaultChoice: { name: '和平社区' } }))
    expect(withColumn.community).toBe('')
    expect(sheetChoice(withColumn).community).toBeUndefined()
  })

  it('edits a copy of the inspected columns', () => {
    const source = info()
    const s = sheetFromInfo(source)
    s.columns[0].field = null
    expect(source.columns[0].field).toBe('name')
    expect(s.original[0].field).toBe('name')
  })

  it('takes the column letters of a re-laid-out sheet from core', () => {
    const sp: SheetPlan = {
      name: '和平社区',
      headerRow: 4,
      headerRows: 1,
      headers: ['序号', '姓名'],
      letters: ['A', 'B'],
      mapping: [{ column: 1, field: 'name' }],
      community: null,
    }
    expect(columnsFromPlan(sp)).toEqual([
      { index: 0, letter: 'A', header: '序号', field: null, remembered: false, samples: [], note: null },
      { index: 1, letter: 'B', header: '姓名', field: 'name', remembered: false, samples: [], note: null },
    ])
  })

  it('lists each rejection reason and each value to choose once', () => {
    const row = (r: number, over: Partial<PlanRow>): PlanRow => ({
      sheet: '和平社区',
      row: r,
      status: 'rejected',
      name: `人员${r}`,
      idNumber: '',
      workerId: null,
      community: null,
      createsCommunity: false,
      action: 'update',
      record: null,
      before: null,
      certificate: null,
      changes: [],
      errors: [],
      warnings: [],
      choices: [],
      cells: [],
      ...over,
    })
    const choice = { field: 'education' as const, column: '学历', raw: '研究生', options: ['博士研究生', '硕士研究生'] }
    const plan = {
      rows: [
        row(2, { errors: [{ column: '学历', message: '不能确定' }, { column: '姓名', message: '空' }], choices: [choice] }),
        row(3, { errors: [{ column: '学历', message: '不能确定' }], choices: [choice] }),
      ],
    } as unknown as ImportPlan
    expect(rejectedEntries(plan).map((e) => [e.row, e.column])).toEqual([
      [2, '学历'],
      [2, '姓名'],
      [3, '学历'],
    ])
    const chosen = { [valueKey('education', '研究生')]: { ...choice, value: '硕士研究生' } }
    expect(pendingValues(plan, chosen)).toEqual([
      { key: valueKey('education', '研究生'), ...choice, rows: 2, chosen: '硕士研究生' },
    ])
  })
})
