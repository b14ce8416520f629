// The progress of one export, as the two export places (报表 page, roster) show it: takes the
// export job, gives `running`, the latest `progress` fed by the backend's channel, its
// `percent`, and `run(job)`. The confirm before full ID numbers and opening the file
// afterwards are in lib/exports.ts.
import { computed, reactive, ref } from 'vue'
import type { ExportProgress } from '@/bindings'
import type { OnProgress } from '@/api/reports'

/** Shown while the native save dialog is still open (no progress has come yet). */
export const WAITING_STAGE = '请选择保存位置…'

export function useExportProgress() {
  const running = ref(false)
  const progress = reactive<ExportProgress>({ done: 0, total: 0, stage: '' })
  const percent = computed(() =>
    progress.total > 0 ? Math.min(100, Math.round((progress.done * 100) / progress.total)) : 0,
  )

  /** Runs one export; a second click while it runs is ignored (returns undefined). */
  async function run<T>(job: (onProgress: OnProgress) => Promise<T>): Promise<T | undefined> {
    if (running.value) return undefined
    Object.assign(progress, { done: 0, total: 0, stage: WAITING_STAGE })
    running.value = true
    try {
      return await job((p) => {
        // A message can arrive after the command has answered; it has nothing left to show.
        if (running.value) Object.assign(progress, p)
      })
    } finally {
      running.value = false
    }
  }

  return { running, progress, percent, run }
}
