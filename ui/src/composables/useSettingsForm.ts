// A settings form on a page (rules kept in the ledger's settings): loaded on mount, saved
// whole; core's refusal goes next to the field it names.
import { onMounted, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { useFormErrors } from './useFormErrors'

export function useSettingsForm<F extends object>(
  form: F,
  options: { load: () => Promise<F>; save: () => Promise<F>; savedMessage: string; onSaved?: () => void },
) {
  const loading = ref(false)
  const saving = ref(false)
  const { errors, clear, show } = useFormErrors(form)

  async function load() {
    loading.value = true
    clear()
    try {
      Object.assign(form, await options.load())
    } catch (e) {
      await show(e)
    } finally {
      loading.value = false
    }
  }

  async function submit() {
    if (saving.value) return
    clear()
    saving.value = true
    try {
      Object.assign(form, await options.save())
      ElMessage.success(options.savedMessage)
      options.onSaved?.()
    } catch (e) {
      await show(e)
    } finally {
      saving.value = false
    }
  }

  onMounted(load)
  return { loading, saving, errors, load, submit }
}
