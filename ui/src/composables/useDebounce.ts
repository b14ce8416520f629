import { onBeforeUnmount } from 'vue'

/** A debounced call that is cancelled when the component goes away. */
export function useDebounce<A extends unknown[]>(fn: (...args: A) => void, wait: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  const cancel = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
  const run = (...args: A) => {
    cancel()
    timer = setTimeout(() => {
      timer = null
      fn(...args)
    }, wait)
  }
  onBeforeUnmount(cancel)
  return { run, cancel }
}
