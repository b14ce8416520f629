// Core is the authority on every rule. When it refuses a save, the message goes next to the
// field it names (el-form-item :error); anything else becomes a notification. The form's
// values are never touched, so nothing the clerk typed is lost.
import { nextTick, reactive, watch } from 'vue'
import { ElNotification } from 'element-plus'
import type { ErrorDto, ErrorKind } from '@/bindings'
import { toErrorDto } from '@/api/invoke'

const TITLES: Record<ErrorKind, string> = {
  notFound: '找不到记录',
  validation: '请核对填写的内容',
  conflict: '无法完成',
  import: '导入失败',
  tooNew: '数据文件版本过新',
  damaged: '台账文件已损坏',
  busy: '台账正被占用',
  db: '数据库出错',
  io: '操作失败',
}

/** Shows any failure to the clerk as a notification with its Chinese message. */
export function notifyError(reason: unknown): ErrorDto {
  const err = toErrorDto(reason)
  ElNotification({ type: 'error', title: TITLES[err.kind], message: err.message, duration: 8000 })
  return err
}

/**
 * Per-field server errors for one form. `form` is the reactive model: editing a field clears
 * its server error, since the clerk is fixing it.
 */
export function useFormErrors<F extends object>(form: F) {
  const errors = reactive<Record<string, string>>({})

  const snapshot = () => ({ ...(form as Record<string, unknown>) })
  let previous = snapshot()
  watch(
    () => snapshot(),
    (now) => {
      for (const key of Object.keys(now)) {
        if (now[key] !== previous[key] && errors[key]) errors[key] = ''
      }
      previous = now
    },
  )

  function clear() {
    for (const key of Object.keys(errors)) errors[key] = ''
  }

  /**
   * Shows a failed save. Returns true when it was put next to a field of this form.
   * `fields` maps a field name from the backend to the form's key when they differ.
   */
  async function show(reason: unknown, fields?: Record<string, string>): Promise<boolean> {
    const err = toErrorDto(reason)
    const key = err.field ? (fields?.[err.field] ?? err.field) : undefined
    if (err.kind === 'validation' && key && key in form) {
      // Clear first so the same message twice in a row still reaches the form item.
      errors[key] = ''
      await nextTick()
      errors[key] = err.message
      return true
    }
    notifyError(err)
    return false
  }

  return { errors, clear, show }
}
