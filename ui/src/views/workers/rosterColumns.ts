// The roster's optional columns and which of them this clerk shows, remembered on this
// computer (localStorage). 选择, 姓名 (fixed left), 状态 and 操作 (fixed right) always show.
import { ref, watch } from 'vue'

export const OPTIONAL_COLUMNS = [
  'communityName',
  'gender',
  'age',
  'idNumber',
  'phone',
  'category',
  'position',
  'politicalStatus',
  'education',
  'certificates',
  'hiredOn',
] as const
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number]

export const COLUMN_LABELS: Record<OptionalColumn, string> = {
  communityName: '社区',
  gender: '性别',
  age: '年龄',
  idNumber: '身份证号',
  phone: '手机号',
  category: '人员类别',
  position: '职务/具体岗位',
  politicalStatus: '政治面貌',
  education: '学历',
  certificates: '职业资格',
  hiredOn: '入职时间',
}

/** What fits 1366 pixels without cutting a word; the rest is one tick away. */
export const DEFAULT_COLUMNS: OptionalColumn[] = [
  'communityName',
  'age',
  'idNumber',
  'category',
  'position',
  'education',
  'certificates',
]

const STORAGE_KEY = 'shegong.roster.columns'

/** The saved choice, keeping only names that are still columns; the default when none. */
export function loadColumns(storage: Pick<Storage, 'getItem'> = localStorage): OptionalColumn[] {
  try {
    const saved: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null')
    if (!Array.isArray(saved)) return [...DEFAULT_COLUMNS]
    return OPTIONAL_COLUMNS.filter((c) => saved.includes(c))
  } catch {
    return [...DEFAULT_COLUMNS]
  }
}

/** The shown columns as a ref that saves itself on every change. */
export function useRosterColumns() {
  const shown = ref<OptionalColumn[]>(loadColumns())
  watch(shown, (v) => localStorage.setItem(STORAGE_KEY, JSON.stringify(v)), { deep: true })
  const visible = (c: OptionalColumn) => shown.value.includes(c)
  const reset = () => (shown.value = [...DEFAULT_COLUMNS])
  return { shown, visible, reset }
}
