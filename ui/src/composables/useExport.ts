// What the two export places (报表 page, roster) share: the confirm before full ID numbers,
// the progress state fed by the backend's channel, and opening the file afterwards.
import { computed, reactive, ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import type { ExportProgress } from '@/bindings'
import { openLastExport, type OnProgress } from '@/api/reports'
import { notifyError } from './useFormErrors'

/** Asks before an export with full ID numbers. True when the clerk agrees. */
export async function confirmFullIdNumbers(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(
      '区县汇总时可能需要完整的身份证号。选择后，导出的文件会包含每个人完整的身份证号，属于敏感个人信息：' +
        '请只交给需要的人，不要发到微信群、QQ 群或公共邮箱，用完及时删除。',
      '导出完整身份证号？',
      {
        type: 'warning',
        confirmButtonText: '完整显示',
        cancelButtonText: '仍然隐藏',
        // Enter must not agree to this by accident: focus starts on the box, not the button.
        autofocus: false,
        closeOnClickModal: false,
      },
    )
    return true
  } catch {
    return false
  }
}

/** Shown while the native save dialog is still open (no progress has come yet). */
export const WAITING_STAGE = '请选择保存位置…'

export function useExportProgress() {
  const running = ref(false)
  const progress = reactive<ExportProgress>({ done: 0, total: 0, stage: '' })
  const percent = computed(() =>
    progress.total > 0 ? Math.min(100, Math.round((progress.done * 100) / progress.total)) : 0,
  )

  /** Runs one export; a second click while it runs is ignored (returns undefined). */
  async function run<T>(job: (onProgress: OnProgress) => Promise<T>): Promise<T | undefined> {
    if (running.value) return undefined
    Object.assign(progress, { done: 0, total: 0, stage: WAITING_STAGE })
    running.value = true
    try {
      return await job((p) => {
        // A message can arrive after the command has answered; it has nothing left to show.
        if (running.value) Object.assign(progress, p)
      })
    } finally {
      running.value = false
    }
  }

  return { running, progress, percent, run }
}

export function cancelled() {
  ElMessage({ type: 'info', message: '已取消导出' })
}

/** Opens the last exported file, or its folder; failures become a notification. */
export async function openExport(folder: boolean) {
  try {
    await openLastExport(folder)
  } catch (e) {
    notifyError(e)
  }
}
