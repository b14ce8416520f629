// Where each 待办提醒 opens: the page and filter that list exactly the people (or cases) counted.
import type { RouteLocationRaw } from 'vue-router'
import type { Reminder, ReminderKind } from '@/bindings'
import { CadenceStatus, ContractFilter } from '@/vocab'

const links: Record<ReminderKind, (r: Reminder) => RouteLocationRaw> = {
  contractsDue: () => ({ path: '/workers', query: { contract: ContractFilter.EndingSoon } }),
  probationEnding: () => ({ path: '/workers', query: { contract: ContractFilter.ProbationEnding } }),
  trainingOverdue: () => ({ path: '/training', query: { tab: 'cadence', status: CadenceStatus.Overdue } }),
  trainingDueSoon: () => ({ path: '/training', query: { tab: 'cadence', status: CadenceStatus.DueSoon } }),
  notCheckedUp: () => ({ path: '/care', query: { tab: 'checkups' } }),
  difficultiesOverdue: () => ({ path: '/care', query: { tab: 'difficulties' } }),
  assessmentsMissing: (r) => ({ path: '/grades', query: { tab: 'assessments', ...(r.year ? { year: String(r.year) } : {}) } }),
  promotionPending: (r) => ({ path: '/grades', query: { tab: 'run', ...(r.date ? { asOf: r.date } : {}) } }),
  retiringSoon: () => ({ path: '/workers', query: { retiring: '1' } }),
  secondmentsOverdue: () => ({ path: '/secondments' }),
  communitiesShort: () => ({ path: '/communities' }),
}

export const reminderLink = (r: Reminder): RouteLocationRaw => links[r.kind](r)
