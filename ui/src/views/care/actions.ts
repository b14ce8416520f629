// What the 关爱 views share beyond pure rules: deleting a difficulty, and reaching a dialog
// form's el-form.
import { getCurrentInstance, watch } from 'vue'
import type { FormInstance } from 'element-plus'
import type { Difficulty } from '@/bindings'
import { deleteDifficulty } from '@/api/care'
import { DIALOG_FORM_REF } from '@/composables/useDialogForm'
import { CANNOT_UNDO, removeConfirmed } from '@/lib/confirmRemove'

/** Deletes a mistakenly entered difficulty (the 关爱 page and a person's page alike). */
export const removeDifficulty = (d: Difficulty, done: () => unknown) =>
  removeConfirmed(
    {
      title: '删除误录的困难诉求',
      message: `删除只用于录入错误的记录；办结的诉求请改为“已解决”，不要删除。确定删除${d.workerName} ${d.reportedOn} 反映的这条困难诉求吗？${CANNOT_UNDO}`,
    },
    () => deleteDifficulty(d.id),
    done,
  )

/**
 * The el-form of a dialog that uses useDialogForm (`ref="dialogForm"`), for the few forms
 * that must clear or re-check one field themselves. Call during setup.
 */
export function dialogFormInstance(): () => FormInstance | undefined {
  const instance = getCurrentInstance()
  return () => instance?.refs[DIALOG_FORM_REF] as FormInstance | undefined
}

/**
 * Switching to or from 慰问金 changes whether a blank amount is right: a message left from
 * the other form goes. Call during setup of a visit form.
 */
export function watchCashForm(form: { form: string; amount: string }) {
  const formEl = dialogFormInstance()
  watch(
    () => form.form,
    () => {
      if (form.amount.trim() === '') formEl()?.clearValidate('amount')
    },
  )
}
