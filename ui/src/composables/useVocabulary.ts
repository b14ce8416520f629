// The drop-down lists never change while the app runs: load them once and share them.
import { getVocabulary } from '@/api/settings'
import { getCareVocabulary } from '@/api/care'
import { getGradeVocabulary } from '@/api/grades'
import { cachedList } from '@/lib/cachedList'

const lists = cachedList(getVocabulary)
const careLists = cachedList(getCareVocabulary)
const gradeLists = cachedList(getGradeVocabulary)

export const loadVocabulary = lists.load

export function useVocabulary() {
  lists.load().catch(() => {
    /* each view that needs the lists shows its own error when it awaits loadVocabulary */
  })
  return { vocabulary: lists.value, loadVocabulary }
}

/** The training and care lists (类型, 层级, 节日 …). */
export function useCareVocabulary() {
  careLists.load().catch(() => {
    /* as above */
  })
  return { careVocabulary: careLists.value, loadCareVocabulary: careLists.load }
}

/** The grade lists (考核结果, 等级变动原因 …). */
export function useGradeVocabulary() {
  gradeLists.load().catch(() => {
    /* as above */
  })
  return { gradeVocabulary: gradeLists.value, loadGradeVocabulary: gradeLists.load }
}

/** For tests: forget the cached lists. */
export function resetVocabularyCache() {
  lists.reset()
  careLists.reset()
  gradeLists.reset()
}
