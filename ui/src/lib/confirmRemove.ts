// Asking before anything is removed, the same way on every page: a warning box with a red
// button; on yes the removal runs, the clerk is told, and the page reloads what shows it.
import { ElMessage, ElMessageBox } from 'element-plus'
import { notifyError } from '@/composables/useFormErrors'

/** The confirm box before anything is removed: a warning, a red button. */
export async function confirmed(message: string, title: string, confirmText = '确定删除'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      confirmButtonClass: 'el-button--danger',
      dangerouslyUseHTMLString: false,
    })
    return true
  } catch {
    return false
  }
}

/** What every delete of a mistaken entry tells the clerk last. */
export const CANNOT_UNDO = '删除后不能恢复（删除操作会记入变更历史）。'

/**
 * Asks first; on yes runs `remove`, says so and calls `done` (reload what shows it). Core's
 * refusal becomes a notification and nothing else changes.
 */
export async function removeConfirmed(
  ask: { message: string; title: string; confirmText?: string; doneText?: string },
  remove: () => Promise<unknown>,
  done: () => unknown,
): Promise<boolean> {
  if (!(await confirmed(ask.message, ask.title, ask.confirmText))) return false
  try {
    await remove()
  } catch (e) {
    notifyError(e)
    return false
  }
  ElMessage.success(ask.doneText ?? '已删除')
  await done()
  return true
}
