// What the two export places (报表 page, roster) say around an export: the confirm before
// full ID numbers, the note that the clerk cancelled, and opening the file afterwards.
// The progress while it runs is composables/useExportProgress.ts.
import { h } from 'vue'
import { ElButton, ElMessage, ElMessageBox, ElNotification } from 'element-plus'
import type { PrintResult } from '@/bindings'
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

/**
 * After 打印: the workbook is open in Excel / WPS (press Ctrl+P there), or — when it could
 * not be opened — where it is, with 打开所在文件夹.
 */
export function showPrinted(result: PrintResult, what: string) {
  const folder = h(
    ElButton,
    { link: true, type: 'primary', 'data-test': 'print-open-folder', onClick: () => openExport(true) },
    () => '打开所在文件夹',
  )
  ElNotification({
    type: result.openError ? 'warning' : 'success',
    title: result.opened ? `已打开${what}` : `已生成${what}`,
    position: 'bottom-right',
    duration: result.openError ? 0 : 10000,
    message: h('div', { class: 'export-done', 'data-test': 'print-done' }, [
      h(
        'div',
        result.opened
          ? '已在 Excel（或 WPS）中打开：按 Ctrl+P 打印，A4 纸，已设好页面；要 PDF 可在打印机中选“另存为 PDF”。'
          : (result.openError ?? '文件已生成，可用 Excel 或 WPS 打开后打印。'),
      ),
      h('div', { class: 'export-done-path' }, result.export.path),
      h('div', [folder]),
    ]),
  })
}
