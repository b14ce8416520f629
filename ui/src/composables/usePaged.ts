// A page of a list held in memory (an import preview can have 20,000 rows): el-table only
// ever renders one page, so the window stays responsive whatever the list's length.
import { computed, ref, watch, type Ref } from 'vue'

export const PAGE_SIZES = [20, 50, 100]

export function usePaged<T>(items: Ref<readonly T[]>, initialSize = 50) {
  const page = ref(1)
  const pageSize = ref(initialSize)
  const total = computed(() => items.value.length)
  const rows = computed(() => {
    const start = (page.value - 1) * pageSize.value
    return items.value.slice(start, start + pageSize.value)
  })
  // A new preview may be shorter: stay on the same page when it still exists.
  watch([total, pageSize], () => {
    const last = Math.max(1, Math.ceil(total.value / pageSize.value))
    if (page.value > last) page.value = last
  })
  return { page, pageSize, total, rows }
}
