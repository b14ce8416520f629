// The open tab of a page lives in the address (?tab=…), so coming back from a detail page
// (or a link such as /training?tab=classes) lands on the same tab.
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export function useTabQuery<T extends string>(tabs: readonly T[]) {
  const route = useRoute()
  const router = useRouter()
  const fromQuery = (q: unknown): T => (tabs.includes(q as T) ? (q as T) : tabs[0])
  const tab = ref(fromQuery(route.query.tab)) as Ref<T>
  watch(
    () => tab.value,
    (t) => void router.replace({ query: { ...route.query, tab: t } }),
  )
  watch(
    () => route.query.tab,
    (q) => (tab.value = fromQuery(q)),
  )
  return tab
}
