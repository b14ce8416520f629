// Deleting a mistakenly entered difficulty, the same way on the 关爱 page and a person's page:
// takes the row and what to reload afterwards; asks first (see lib/confirmRemove).
import type { Difficulty } from '@/bindings'
import { deleteDifficulty } from '@/api/care'
import { CANNOT_UNDO, removeConfirmed } from '@/lib/confirmRemove'

/** Deletes a mistakenly entered difficulty (the 关爱 page and a person's page alike). */
export const removeDifficulty = (d: Difficulty, done: () => unknown) =>
  removeConfirmed(
    {
      title: '删除误录的困难诉求',
      message: `删除只用于录入错误的记录；办结的诉求请改为“已解决”，不要删除。确定删除${d.workerName} ${d.reportedOn} 反映的这条困难诉求吗？${CANNOT_UNDO}`,
    },
    () => deleteDifficulty(d.id),
    done,
  )
