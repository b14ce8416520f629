// The roster's search, filters, sort and page kept in the address (`/workers?q=张&status=在岗&page=3`):
// going back from a person returns to the same list, and the home page's 待办提醒 opens the
// roster already filtered (`/workers?contract=合同到期`). What the address says is not trusted:
// a status or 合同 value that is not in the closed list, a page that is not a positive
// number or a community that is not a number is dropped, never sent to core.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { ContractFilter, SortKey } from '@/bindings'
import { ContractFilter as ContractFilterLabels, WorkerStatus } from '@/vocab'

export interface RosterState {
  search: string
  filters: {
    communityId: number | null
    category: string | null
    position: string | null
    politicalStatus: string | null
    education: string | null
    certificate: string | null
    status: WorkerStatus | null
    ageBand: string | null
    secondedAway: boolean | null
    contract: ContractFilter | null
    unfiledSecretary: boolean | null
    retiring: boolean | null
    inPost: boolean | null
    /** 岗位等级 as the team chart labels it ("社区专职工作人员 3 级", 未定级). */
    grade: string | null
  }
  sort: { key: SortKey; descending: boolean }
  page: number
  pageSize: number
}

export const DEFAULT_SORT: SortKey = 'community'
const SORT_KEYS: readonly SortKey[] = ['community', 'name', 'hiredOn', 'age']
const PAGE_SIZES = [20, 50, 100]
const TEXT_FILTERS = ['category', 'position', 'politicalStatus', 'education', 'certificate', 'ageBand', 'grade'] as const
const FLAGS = ['secondedAway', 'unfiledSecretary', 'retiring', 'inPost'] as const

export function emptyFilters(): RosterState['filters'] {
  return {
    communityId: null,
    category: null,
    position: null,
    politicalStatus: null,
    education: null,
    certificate: null,
    status: null,
    ageBand: null,
    secondedAway: null,
    contract: null,
    unfiledSecretary: null,
    retiring: null,
    inPost: null,
    grade: null,
  }
}

const one = (v: LocationQuery[string] | undefined): string | null => {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null
}

const positive = (v: string | null): number | null => {
  const n = v !== null && /^\d{1,9}$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) && n > 0 ? n : null
}

const oneOf = <T extends string>(v: string | null, allowed: readonly T[]): T | null =>
  v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : null

/** The state an address asks for; anything it leaves out (or gets wrong) is the default. */
export function fromRouteQuery(query: LocationQuery): RosterState {
  const filters = emptyFilters()
  filters.communityId = positive(one(query.community))
  for (const key of TEXT_FILTERS) filters[key] = one(query[key])
  filters.status = oneOf(one(query.status), Object.values(WorkerStatus))
  filters.contract = oneOf(one(query.contract), Object.values(ContractFilterLabels))
  for (const key of FLAGS) filters[key] = one(query[key]) === '1' ? true : null
  const size = positive(one(query.size))
  return {
    search: one(query.q) ?? '',
    filters,
    sort: { key: oneOf(one(query.sort), SORT_KEYS) ?? DEFAULT_SORT, descending: one(query.desc) === '1' },
    page: positive(one(query.page)) ?? 1,
    pageSize: size !== null && PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0],
  }
}

/** The address of a state: only what differs from the default, so a plain list is `/workers`. */
export function toRouteQuery(state: RosterState): LocationQueryRaw {
  const q: Record<string, string> = {}
  if (state.search.trim() !== '') q.q = state.search.trim()
  const f = state.filters
  if (f.communityId !== null) q.community = String(f.communityId)
  for (const key of TEXT_FILTERS) if (f[key] !== null && f[key] !== '') q[key] = f[key] as string
  if (f.status !== null) q.status = f.status
  if (f.contract !== null) q.contract = f.contract
  for (const key of FLAGS) if (f[key] === true) q[key] = '1'
  if (state.sort.key !== DEFAULT_SORT) q.sort = state.sort.key
  if (state.sort.descending) q.desc = '1'
  if (state.page !== 1) q.page = String(state.page)
  if (state.pageSize !== PAGE_SIZES[0]) q.size = String(state.pageSize)
  return q
}
