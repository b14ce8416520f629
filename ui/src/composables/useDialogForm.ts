// A form in a dialog: filled afresh each time it opens, checked on the page first, then
// saved; a refusal from core goes next to its field and nothing typed is lost. For a clerk who
// types all day: the cursor is in the first field as the dialog opens (not after its
// animation, when the first keystrokes would be lost), Enter in a one-line field and Ctrl+Enter
// anywhere save, and closing a form with changes (取消, Esc, ×) asks before throwing them away.
import { getCurrentInstance, nextTick, ref, useTemplateRef, watch, type Ref } from 'vue'
import { ElMessage, ElMessageBox, type FormInstance } from 'element-plus'
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

/** What gets the cursor when a form opens: its first field that takes typing. */
const FIRST_FIELD = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([disabled]), textarea:not([disabled])'

/** The el-form's template ref: `<el-form ref="dialogForm" …>`. */
export const DIALOG_FORM_REF = 'dialogForm'

export function useDialogForm<F extends object, T>(form: F, visible: Ref<boolean>, options: DialogFormOptions<F, T>) {
  const formRef = useTemplateRef<FormInstance>(DIALOG_FORM_REF)
  const saving = ref(false)
  const { errors, clear, show } = useFormErrors(form)
  /** The form as it opened, to tell whether anything was typed. */
  let opened = ''
  const snapshot = () => JSON.stringify(form)

  watch(
    visible,
    (open) => {
      if (!open) return
      Object.assign(form, options.initial())
      clear()
      opened = snapshot()
      nextTick(() => {
        formRef.value?.clearValidate()
        // After the form's own watchers have filled in what follows from the initial values.
        opened = snapshot()
        focusFirstField()
        keepFocusInForm()
      })
    },
    { immediate: true },
  )

  function focusFirstField() {
    const el = formRef.value?.$el as HTMLElement | undefined
    // A read-only text box is a fact shown, not a field; a select's box is read-only but is one.
    const first = [...(el?.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(FIRST_FIELD) ?? [])].find(
      (f) => !f.readOnly || f.closest('.el-select, .el-date-editor'),
    )
    first?.focus()
  }

  /**
   * Element Plus's focus trap puts the cursor on the dialog box itself as it opens, some time
   * after the form has it (measured under WebKitGTK: 8 ms later, and the first letter typed
   * then was lost). For a moment after opening, focus landing on the box goes back to the field.
   */
  function keepFocusInForm() {
    const onFocusIn = (e: FocusEvent) => {
      const el = formRef.value?.$el as HTMLElement | undefined
      const target = e.target
      if (el && target instanceof HTMLElement && target !== el && target.contains(el)) {
        focusFirstField()
        // The field lost focus for that moment, and a 请填写… rule checked on blur would
        // greet the clerk with an error before anything was typed: clear it once the check
        // (a promise) has run.
        setTimeout(() => {
          if (snapshot() === opened) formRef.value?.clearValidate()
        }, 0)
      }
    }
    document.addEventListener('focusin', onFocusIn, true)
    setTimeout(() => document.removeEventListener('focusin', onFocusIn, true), 1500)
  }

  function startAgain() {
    Object.assign(form, options.initial())
    clear()
    nextTick(() => {
      formRef.value?.clearValidate()
      opened = snapshot()
      focusFirstField()
    })
  }

  /** Closes unless the clerk has typed something and does not want to throw it away. */
  async function mayClose(): Promise<boolean> {
    if (saving.value) return false
    if (snapshot() === opened) return true
    return ElMessageBox.confirm('放弃已填写的内容？关闭后这次填写的内容不会保存。', '关闭', {
      confirmButtonText: '放弃',
      cancelButtonText: '继续填写',
      type: 'warning',
    }).then(
      () => true,
      () => false,
    )
  }

  /** The 取消 button. */
  async function cancel() {
    if (await mayClose()) visible.value = false
  }

  /** The dialog's before-close (Esc, the × and a click outside). */
  function beforeClose(done: () => void) {
    void mayClose().then((ok) => ok && done())
  }

  function focusFirstError() {
    if (!options.focusFirstError) return
    nextTick(() => {
      const el = formRef.value?.$el as HTMLElement | undefined
      el?.querySelector<HTMLElement>('.is-error input, .is-error textarea')?.focus()
    })
  }

  /** Saves and closes. */
  const submit = () => save(false)
  /** 保存并继续新增: saves and keeps the dialog open on a fresh form for the next record. */
  const submitAndNext = () => save(true)

  async function save(next: boolean) {
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
      if (next) startAgain()
      else visible.value = false
    } catch (e) {
      // The dialog stays open with everything the clerk typed.
      if (await show(e, options.fields)) focusFirstError()
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, submit, submitAndNext, onKeydown: enterSubmits(submit), cancel, beforeClose }
}

/**
 * The el-form of a dialog that uses useDialogForm (`ref="dialogForm"`), for the few forms
 * that must clear or re-check one field themselves. Call during setup.
 */
export function dialogFormInstance(): () => FormInstance | undefined {
  const instance = getCurrentInstance()
  return () => instance?.refs[DIALOG_FORM_REF] as FormInstance | undefined
}
