// The promotion run's result lives here, outside the page: leaving 晋级测算 (to enter a
// missing assessment, say) and coming back shows the same run, with its overrides, until
// the clerk runs it again or the app closes.
import { reactive, ref } from 'vue'
import type { Override, Proposal, Scheme } from '@/bindings'

export const runState = {
  /** Empty until the page first opens (then the default 1 January). */
  asOf: ref(''),
  proposals: ref<Proposal[]>([]),
  schemes: ref<Scheme[]>([]),
  overrides: ref<Map<number, Override>>(new Map()),
  ran: ref(false),
  filter: reactive({ communityId: null as number | null, onlyChanged: true, onlyAttention: false, search: '' }),
}

/** Forgets the run (tests start each page afresh). */
export function resetRunState() {
  runState.asOf.value = ''
  runState.proposals.value = []
  runState.schemes.value = []
  runState.overrides.value = new Map()
  runState.ran.value = false
  Object.assign(runState.filter, { communityId: null, onlyChanged: true, onlyAttention: false, search: '' })
}
