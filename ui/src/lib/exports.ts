// What the two export places (报表 page, roster) say around an export: the confirm before
// full ID numbers, the note that the clerk cancelled, and opening the file afterwards.
// The progress while it runs is composables/useExportProgress.ts.
import { ElMessage, ElMessageBox } from 'element-plus'
import { openLastExport } from '@/api/reports'
import { notifyError } from '@/composables/useFormErrors'

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
