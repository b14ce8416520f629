// Shared by the batch entry and the edit of one visit: takes the form's reactive model (its
// 慰问形式 and amount) and clears a stale amount message when the form changes.
import { watch } from 'vue'
import { dialogFormInstance } from '@/composables/useDialogForm'

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
