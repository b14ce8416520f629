// The import dialog's session store: the inspected file, the clerk's choices, the latest
// preview. The calculations it uses are in plan.ts, the labels in labels.ts.
//
// The backend commits the plan of the LAST preview it answered. So previews run one at a
// time (a change made while one runs asks again once it is done), the newest settings always
// produce the last answer, and commit is allowed only while that answer matches what the
// clerk sees (`planFresh`).
import { computed, reactive, ref, shallowRef, type InjectionKey } from 'vue'
import type {
  ColumnInfo,
  CommitChoices,
  Community,
  CommunityChoice,
  ErrorDto,
  ImportField,
  ImportOptions,
  ImportPlan,
  ImportSummary,
  Inspection,
  PlanRow,
  RowAction,
  SheetChoice,
} from '@/bindings'
import {
  importChooseFile,
  importCommit,
  importPreview,
  importSaveErrorReport,
  importSaveTemplate,
} from '@/api/import'
import { listCommunities } from '@/api/communities'
import { toErrorDto } from '@/api/invoke'
import { notifyError } from '@/composables/useFormErrors'
import { useDebounce } from '@/composables/useDebounce'
import {
  columnsFromPlan,
  pendingValues,
  rejectedEntries,
  rowKey,
  sheetChoice,
  sheetFromInfo,
  warningEntries,
  type ChosenValue,
  type PendingValue,
  type SheetState,
} from './plan'

export const STEP = { file: 0, mapping: 1, preview: 2, done: 3 } as const

/** Changes come in bursts (a few selects in a row): preview once they settle. */
export const PREVIEW_DELAY_MS = 350

export function createImportSession() {
  const step = ref<number>(STEP.file)
  const inspection = shallowRef<Inspection | null>(null)
  const sheets = ref<SheetState[]>([])
  const activeSheet = ref(0)
  // changesOn: 变动日期 of the changed posts and 学历 (任职经历); null is today.
  const settings = reactive({ createCommunities: false, includeHiddenRows: false, changesOn: null as string | null })
  /** Keyed by the community name as written in the file. */
  const communityChoices = reactive<Record<string, CommunityChoice>>({})
  const valueChoices = reactive<Record<string, ChosenValue>>({})
  const defaults = reactive<Partial<Record<ImportField, string>>>({})
  const defaultAction = ref<RowAction>('update')
  const rowActions = reactive(new Map<string, RowAction>())
  const skipRejected = ref(false)

  // The plan can hold 20,000 rows: a shallow ref, so Vue never walks into it.
  const plan = shallowRef<ImportPlan | null>(null)
  const planFresh = ref(false)
  const previewing = ref(false)
  const previewError = ref<ErrorDto | null>(null)
  const fileError = ref('')
  const choosing = ref(false)
  const committing = ref(false)
  const summary = shallowRef<ImportSummary | null>(null)
  /** Where the template and the error report were saved (shown in the dialog). */
  const templatePath = ref<string | null>(null)
  const errorReportPath = ref<string | null>(null)
  /** The ledger's communities, for the community selects. */
  const ledgerCommunities = shallowRef<Community[]>([])

  /** Bumped on reset: answers to an earlier session are dropped. Not `useLatestRequest`: the
   * backend keeps whichever plan it answered last, so previews queue rather than overtake. */
  let generation = 0

  function reset() {
    generation++
    debounced.cancel()
    scheduled = false
    dirty = false
    // The old session's loop stops at its next check; a new one starts with the next preview.
    pump = null
    step.value = STEP.file
    inspection.value = null
    sheets.value = []
    activeSheet.value = 0
    settings.createCommunities = false
    settings.includeHiddenRows = false
    settings.changesOn = null
    for (const k of Object.keys(communityChoices)) delete communityChoices[k]
    for (const k of Object.keys(valueChoices)) delete valueChoices[k]
    for (const k of Object.keys(defaults)) delete defaults[k as ImportField]
    defaultAction.value = 'update'
    rowActions.clear()
    skipRejected.value = false
    plan.value = null
    planFresh.value = false
    previewing.value = false
    previewError.value = null
    fileError.value = ''
    choosing.value = false
    committing.value = false
    summary.value = null
    templatePath.value = null
    errorReportPath.value = null
  }

  async function loadCommunities() {
    try {
      ledgerCommunities.value = await listCommunities()
    } catch (e) {
      notifyError(e)
    }
  }

  function load(result: Inspection) {
    reset()
    inspection.value = result
    sheets.value = result.sheets.map(sheetFromInfo)
    const first = sheets.value.findIndex((s) => s.include)
    activeSheet.value = first >= 0 ? first : 0
  }

  // ---- choosing the file ----

  /** True when a file was inspected (the dialog goes on to the sheets). */
  async function chooseFile(): Promise<boolean> {
    if (choosing.value) return false
    fileError.value = ''
    choosing.value = true
    const gen = generation
    try {
      const result = await importChooseFile()
      if (gen !== generation || result === null) return false
      load(result)
      step.value = STEP.mapping
      void previewNow()
      return true
    } catch (e) {
      if (gen !== generation) return false
      const err = toErrorDto(e)
      // Not a spreadsheet, password, empty, too large: said next to the button.
      if (err.field === 'file') fileError.value = err.message
      else notifyError(err)
      return false
    } finally {
      if (gen === generation) choosing.value = false
    }
  }

  // ---- building the request ----

  const includedSheets = computed(() => sheets.value.filter((s) => s.include))

  function sheetChoices(): SheetChoice[] {
    return includedSheets.value.map(sheetChoice)
  }

  /** Required fields some included sheet has no column for (the core asks for a default). */
  const missingRequired = computed<ImportField[]>(() => {
    const fields = inspection.value?.fields ?? []
    const handledElsewhere: ImportField[] = ['name', 'idNumber', 'community']
    return fields
      .filter((f) => f.required && !handledElsewhere.includes(f.field))
      .filter((f) => includedSheets.value.some((s) => !s.columnsStale && !s.columns.some((c) => c.field === f.field)))
      .map((f) => f.field)
  })

  function options(): ImportOptions {
    return {
      onExisting: defaultAction.value,
      createCommunities: settings.createCommunities,
      includeHiddenRows: settings.includeHiddenRows,
      ...(settings.changesOn ? { changesOn: settings.changesOn } : {}),
      communities: Object.values(communityChoices).map((c) => ({ ...c })),
      values: Object.values(valueChoices).map((v) => ({ field: v.field, raw: v.raw, value: v.value })),
      defaults: missingRequired.value
        .filter((f) => (defaults[f] ?? '').trim() !== '')
        .map((f) => ({ field: f, value: defaults[f]!.trim() })),
    }
  }

  // ---- previewing ----

  let dirty = false
  let scheduled = false
  let pump: Promise<void> | null = null
  /** The preview request last sent, whatever session it belonged to. */
  let inFlight: Promise<ImportPlan> | null = null
  const debounced = useDebounce(() => {
    scheduled = false
    void preview()
  }, PREVIEW_DELAY_MS)

  /** Something the preview depends on changed: ask again once the clerk pauses. */
  function changed() {
    planFresh.value = false
    scheduled = true
    debounced.run()
  }

  /** Asks now; resolves when the answer for the current settings is in (or failed). */
  function previewNow(): Promise<void> {
    scheduled = false
    debounced.cancel()
    return preview()
  }

  /** Waits for a preview of the current settings, asking only if none is on its way. */
  function settle(): Promise<void> {
    if (planFresh.value && !scheduled) return Promise.resolve()
    if (pump && !scheduled) return pump
    return previewNow()
  }

  function preview(): Promise<void> {
    dirty = true
    planFresh.value = false
    if (!pump) {
      const p: Promise<void> = drain().finally(() => {
        if (pump === p) pump = null
      })
      pump = p
    }
    return pump
  }

  async function drain() {
    const gen = generation
    while (dirty && gen === generation) {
      dirty = false
      const choices = sheetChoices()
      if (choices.length === 0) {
        plan.value = null
        previewError.value = { kind: 'validation', field: 'sheets', message: '请至少勾选一个要导入的工作表。' }
        continue
      }
      const opts = options()
      previewing.value = true
      try {
        // A request of an earlier session may still be running: the backend keeps whichever
        // plan is answered last, so never overtake it.
        if (inFlight) await inFlight.catch(() => {})
        if (gen !== generation) return
        const request = importPreview(choices, opts)
        inFlight = request
        const result = await request
        // Superseded by a newer change: the next round asks again, this answer is old.
        if (dirty || gen !== generation) continue
        applyPlan(result)
      } catch (e) {
        if (dirty || gen !== generation) continue
        const err = toErrorDto(e)
        previewError.value = err
        // Problems with the choices are shown next to them; anything else is unexpected.
        if (err.kind !== 'validation') notifyError(err)
      } finally {
        if (gen === generation) previewing.value = false
      }
    }
  }

  function applyPlan(result: ImportPlan) {
    for (const sp of result.sheets) {
      const s = sheets.value.find((x) => x.name === sp.name)
      if (!s) continue
      s.headerRows = sp.headerRows
      if (s.columnsStale) {
        s.columns = columnsFromPlan(sp)
        s.columnsStale = false
      }
    }
    plan.value = result
    previewError.value = null
    planFresh.value = true
  }

  // ---- the clerk's changes ----

  function setInclude(s: SheetState, include: boolean) {
    s.include = include
    changed()
  }

  function setHeaderRow(s: SheetState, row: number | null | undefined) {
    const next = row === null || row === undefined || row === s.detectedHeaderRow ? null : row
    if (next === s.forcedHeaderRow) return
    s.forcedHeaderRow = next
    s.touched = true
    if (next === null && s.detectedHeaderRow !== null) {
      // Back to the detected row: inspect's columns (with their samples) are right again.
      s.columns = s.original.map((c) => ({ ...c }))
      s.columnsStale = false
    } else {
      s.columnsStale = true
    }
    changed()
  }

  /**
   * Maps a column to a field. A field has one column per sheet, so the column that held it
   * is set to 不导入; its letter is returned so the view can say so.
   */
  function setField(s: SheetState, column: ColumnInfo, field: ImportField | null): string | null {
    let moved: string | null = null
    if (field !== null) {
      for (const other of s.columns) {
        if (other !== column && other.field === field) {
          other.field = null
          moved = other.letter
        }
      }
    }
    column.field = field
    column.note = null
    s.touched = true
    changed()
    return moved
  }

  function setCommunity(s: SheetState, name: string | null | undefined) {
    s.community = (name ?? '').trim()
    s.touched = true
    changed()
  }

  function setDefault(field: ImportField, value: string | null | undefined) {
    if (value) defaults[field] = value
    else delete defaults[field]
    changed()
  }

  function setCreateCommunities(value: boolean) {
    settings.createCommunities = value
    changed()
  }

  function setChangesOn(value: string | null) {
    settings.changesOn = value
    changed()
  }

  function setIncludeHiddenRows(value: boolean) {
    settings.includeHiddenRows = value
    changed()
  }

  /** `target`: a ledger community id, `{ create }`, or null for the program's own match. */
  function setCommunityChoice(raw: string, target: number | { create: string } | null) {
    if (target === null) delete communityChoices[raw]
    else if (typeof target === 'number') communityChoices[raw] = { raw, communityId: target }
    else communityChoices[raw] = { raw, createName: target.create }
    changed()
  }

  function setValueChoice(p: PendingValue, value: string | null | undefined) {
    if (value) {
      valueChoices[p.key] = { field: p.field, column: p.column, raw: p.raw, value, options: p.options }
    } else {
      delete valueChoices[p.key]
    }
    changed()
  }

  // ---- people already in the ledger: update or skip ----

  const actionOf = (r: { sheet: string; row: number }): RowAction =>
    rowActions.get(rowKey(r.sheet, r.row)) ?? defaultAction.value

  function setRowAction(r: { sheet: string; row: number }, action: RowAction) {
    rowActions.set(rowKey(r.sheet, r.row), action)
  }

  /** The default for all: every row follows it again. */
  function setAllActions(action: RowAction) {
    defaultAction.value = action
    rowActions.clear()
  }

  // ---- what the plan says ----

  const rowsOf = (status: PlanRow['status']) => computed(() => (plan.value?.rows ?? []).filter((r) => r.status === status))
  const newRows = rowsOf('new')
  const changedRows = rowsOf('changed')
  const unchangedRows = rowsOf('unchanged')
  const rejected = computed(() => (plan.value ? rejectedEntries(plan.value) : []))
  const warnings = computed(() => (plan.value ? warningEntries(plan.value) : []))
  const pending = computed(() => pendingValues(plan.value, valueChoices))
  const counts = computed(() => plan.value?.counts ?? null)

  /** What 确认导入 would write, with the per-row choices. */
  const toWrite = computed(() => {
    let update = 0
    let skip = 0
    for (const r of changedRows.value) {
      if (actionOf(r) === 'update') update++
      else skip++
    }
    const created = (plan.value?.communities ?? [])
      .filter((c) => c.matched === 'create' && c.community)
      .map((c) => c.community as string)
    return { created: newRows.value.length, update, skip, communities: [...new Set(created)] }
  })

  const rejectedCount = computed(() => counts.value?.rejected ?? 0)

  /** Why 确认导入 is not possible now, or null when it is. */
  const commitBlocker = computed<string | null>(() => {
    if (!plan.value) return '请先预览。'
    if (previewing.value || !planFresh.value) return '正在按新的设置更新预览，请稍候。'
    if (rejectedCount.value > 0 && !skipRejected.value) {
      return `有 ${rejectedCount.value} 行被拒绝：请改正文件后重新选择，或勾选“跳过被拒绝的行”只导入其余各行。`
    }
    if (toWrite.value.created === 0 && toWrite.value.update === 0) return '没有需要写入的内容。'
    return null
  })

  function commitChoices(): CommitChoices {
    return {
      skipRejected: skipRejected.value,
      rows: changedRows.value.map((r) => ({ sheet: r.sheet, row: r.row, action: actionOf(r) })),
    }
  }

  /** Commits; the summary on success, null when it failed (already shown). */
  async function commit(): Promise<ImportSummary | null> {
    if (committing.value || commitBlocker.value) return null
    committing.value = true
    const gen = generation
    try {
      const result = await importCommit(commitChoices())
      if (gen !== generation) return null
      summary.value = result
      step.value = STEP.done
      return result
    } catch (e) {
      if (gen !== generation) return null
      const err = notifyError(e)
      // A record changed since the preview: show the clerk the current state.
      if (err.kind === 'conflict') void previewNow()
      return null
    } finally {
      if (gen === generation) committing.value = false
    }
  }

  /** Saves the blank template; false when the clerk cancelled the save dialog. */
  async function saveTemplate(): Promise<boolean> {
    const path = await importSaveTemplate()
    if (path !== null) templatePath.value = path
    return path !== null
  }

  /** Saves the rejected rows of the last preview; false when cancelled. */
  async function saveErrorReport(): Promise<boolean> {
    const path = await importSaveErrorReport()
    if (path !== null) errorReportPath.value = path
    return path !== null
  }

  return {
    step,
    inspection,
    sheets,
    activeSheet,
    settings,
    communityChoices,
    valueChoices,
    defaults,
    defaultAction,
    skipRejected,
    plan,
    planFresh,
    previewing,
    previewError,
    fileError,
    choosing,
    committing,
    summary,
    ledgerCommunities,
    includedSheets,
    missingRequired,
    newRows,
    changedRows,
    unchangedRows,
    rejected,
    warnings,
    pending,
    counts,
    toWrite,
    commitBlocker,
    reset,
    load,
    loadCommunities,
    chooseFile,
    sheetChoices,
    options,
    changed,
    previewNow,
    settle,
    setInclude,
    setHeaderRow,
    setField,
    setCommunity,
    setDefault,
    setCreateCommunities,
    setIncludeHiddenRows,
    setChangesOn,
    setCommunityChoice,
    setValueChoice,
    actionOf,
    setRowAction,
    setAllActions,
    commitChoices,
    commit,
    templatePath,
    errorReportPath,
    saveErrorReport,
    saveTemplate,
  }
}

export type ImportSession = ReturnType<typeof createImportSession>
export const SESSION: InjectionKey<ImportSession> = Symbol('import-session')
