// A form in a dialog: filled afresh each time it opens, checked on the page first, then
// saved; a refusal from core goes next to its field and nothing typed is lost; Enter saves.
import { getCurrentInstance, nextTick, ref, useTemplateRef, watch, type Ref } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import { useFormErrors } from './useFormErrors'
import { enterSubmits } from '@/lib/enterSubmits'

export interface DialogFormOptions<F, T> {
  /** The values the form shows when the dialog opens. */
  initial: () => F
  save: () => Promise<T>
  onSaved: (saved: T) => void
  /** Backend field names that differ from the form's keys. */
  fields?: Record<string, string>
  message?: string
  /**
   * Put the cursor in the first field marked wrong, after the page's checks or core's refusal:
   * on a long form it may be out of sight.
   */
  focusFirstError?: boolean
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

  function focusFirstError() {
    if (!options.focusFirstError) return
    nextTick(() => {
      const el = formRef.value?.$el as HTMLElement | undefined
      el?.querySelector<HTMLElement>('.is-error input, .is-error textarea')?.focus()
    })
  }

  async function submit() {
    if (saving.value) return
    clear()
    const valid = await formRef.value?.validate().catch(() => false)
    if (!valid) {
      focusFirstError()
      return
    }
    saving.value = true
    try {
      const saved = await options.save()
      ElMessage.success(options.message ?? '已保存')
      options.onSaved(saved)
      visible.value = false
    } catch (e) {
      // The dialog stays open with everything the clerk typed.
      if (await show(e, options.fields)) focusFirstError()
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, submit, onKeydown: enterSubmits(submit) }
}

/**
 * The el-form of a dialog that uses useDialogForm (`ref="dialogForm"`), for the few forms
 * that must clear or re-check one field themselves. Call during setup.
 */
export function dialogFormInstance(): () => FormInstance | undefined {
  const instance = getCurrentInstance()
  return () => instance?.refs[DIALOG_FORM_REF] as FormInstance | undefined
}
