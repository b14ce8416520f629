// The drop-down lists never change while the app runs: load them once and share them.
import { shallowRef } from 'vue'
import type { Vocabulary } from '@/bindings'
import { getVocabulary } from '@/api/settings'

const vocabulary = shallowRef<Vocabulary | null>(null)
let loading: Promise<Vocabulary> | null = null

export function loadVocabulary(): Promise<Vocabulary> {
  if (!loading) {
    loading = getVocabulary().then(
      (v) => {
        vocabulary.value = v
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

export function useVocabulary() {
  loadVocabulary().catch(() => {
    /* each view that needs the lists shows its own error when it awaits loadVocabulary */
  })
  return { vocabulary, loadVocabulary }
}

/** For tests: forget the cached lists. */
export function resetVocabularyCache() {
  vocabulary.value = null
  loading = null
}
