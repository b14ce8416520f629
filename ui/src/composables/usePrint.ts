// 打印 as the person page and the roster offer it: 人员登记表 of some people, or the roster
// on screen, written print-ready and opened in Excel / WPS. One print at a time; the
// progress shows while it runs; the confirm before full ID numbers is the export's.
import type { RosterQuery } from '@/bindings'
import { printRegistration, printRoster } from '@/api/reports'
import { notifyError } from '@/composables/useFormErrors'
import { useExportProgress } from '@/composables/useExportProgress'
import { confirmFullIdNumbers, showPrinted } from '@/lib/exports'

/** Excel's page-break limit, as core refuses beyond it (reports::REGISTRATION_MAX_PEOPLE). */
export const MAX_FORMS = 1000

export function usePrint() {
  const { running, progress, percent, run } = useExportProgress()

  async function printForms(who: { workerIds: number[] } | { query: RosterQuery }, fullIdNumbers = false) {
    if (running.value) return
    if (fullIdNumbers && !(await confirmFullIdNumbers())) return
    try {
      const result = await run((onProgress) => printRegistration(who, fullIdNumbers, onProgress))
      if (result) showPrinted(result, '人员登记表')
    } catch (e) {
      notifyError(e)
    }
  }

  async function printList(query: RosterQuery) {
    try {
      const result = await run((onProgress) => printRoster(query, onProgress))
      if (result) showPrinted(result, '人员台账')
    } catch (e) {
      notifyError(e)
    }
  }

  return { printing: running, progress, percent, printForms, printList }
}
