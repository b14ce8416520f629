// Lists that never change while the app runs (drop-down vocabularies): fetched once, shared.
import { shallowRef, type ShallowRef } from 'vue'

export interface CachedList<T> {
  value: ShallowRef<T | null>
  load: () => Promise<T>
  reset: () => void
}

export function cachedList<T>(fetch: () => Promise<T>): CachedList<T> {
  const value = shallowRef<T | null>(null)
  let loading: Promise<T> | null = null
  function load(): Promise<T> {
    if (!loading) {
      loading = fetch().then(
        (v) => {
          value.value = v
          return v
        },
        (err) => {
          // Let the next caller try again instead of caching the failure.
          loading = null
          throw err
        },
      )
    }
    return loading
  }
  function reset() {
    value.value = null
    loading = null
  }
  return { value, load, reset }
}
