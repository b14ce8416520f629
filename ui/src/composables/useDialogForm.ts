// A form in a dialog: filled afresh each time it opens, checked on the page first, then
// saved; a refusal from core goes next to its field and nothing typed is lost; Enter saves.
import { nextTick, ref, useTemplateRef, watch, type Ref } from 'vue'
import { ElMessage, type FormInstance, type FormItemRule } from 'element-plus'
import { useFormErrors } from './useFormErrors'
import { enterSubmits } from './useEnterSubmit'

export interface DialogFormOptions<F, T> {
  /** The values the form shows when the dialog opens. */
  initial: () => F
  save: () => Promise<T>
  onSaved: (saved: T) => void
  /** Backend field names that differ from the form's keys. */
  fields?: Record<string, string>
  message?: string
}

/** The el-form's template ref: `<el-form ref="dialogForm" …>`. */
export const DIALOG_FORM_REF = 'dialogForm'

export function useDialogForm<F extends object, T>(form: F, visible: Ref<boolean>, options: DialogFormOptions<F, T>) {
  const formRef = useTemplateRef<FormInstance>(DIALOG_FORM_REF)
  const saving = ref(false)
  const { errors, clear, show } = useFormErrors(form)

  watch(
    visible,
    (open) => {
      if (!open) return
      Object.assign(form, options.initial())
      clear()
      nextTick(() => formRef.value?.clearValidate())
    },
    { immediate: true },
  )

  async function submit() {
    if (saving.value) return
    clear()
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) return
    saving.value = true
    try {
      const saved = await options.save()
      ElMessage.success(options.message ?? '已保存')
      options.onSaved(saved)
      visible.value = false
    } catch (e) {
      await show(e, options.fields)
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, submit, onKeydown: enterSubmits(submit) }
}

const blank = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/** A required field, with the message that says what to fill. */
export function required(message: string, trigger: 'change' | 'blur' = 'change'): FormItemRule {
  return {
    required: true,
    trigger,
    validator: (_r: unknown, v: unknown, cb: (e?: Error) => void) => cb(blank(v) ? new Error(message) : undefined),
  }
}

/** Empty text is no value: the backend wants null. */
export const textOrNull = (s: string) => (s.trim() === '' ? null : s.trim())
