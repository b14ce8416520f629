// Only the newest request wins. When a search, filter or year changes quickly, several calls
// to the backend are in flight at once and may answer out of order; only the answer (or
// failure) of the call made last reaches the page, so a slow earlier one never overwrites it.
//
// Takes `fetch` (the call, with any arguments), `apply` (what to do with its answer) and
// optionally `fail` (what to do with its failure; a notification by default). Gives
// `loading` (true while the newest call runs), `load(...args)` (start a call) and `cancel()`
// (forget every call in flight, e.g. when the input they were asked about has changed).
import { ref } from 'vue'
import { notifyError } from './useFormErrors'

export function useLatestRequest<A extends unknown[], T>(
  fetch: (...args: A) => Promise<T>,
  apply: (value: T) => void,
  fail: (reason: unknown) => void = notifyError,
) {
  const loading = ref(false)
  let seq = 0

  async function load(...args: A) {
    const mine = ++seq
    loading.value = true
    try {
      const value = await fetch(...args)
      if (mine === seq) apply(value)
    } catch (e) {
      if (mine === seq) fail(e)
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function cancel() {
    seq++
    loading.value = false
  }

  return { loading, load, cancel }
}
