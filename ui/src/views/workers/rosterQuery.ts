// The roster query, as the roster page and the people picker both send it. Takes the search
// box, the filters a page offers (a cleared el-select gives '' or undefined) and the sort and
// page; gives a RosterQuery in which every filter left open is null, which core reads as "any".
import type { ContractFilter, RosterQuery, SortKey } from '@/bindings'

type FilterKey = 'communityId' | 'category' | 'position' | 'politicalStatus' | 'education' | 'certificate' | 'status' | 'ageBand'

/**
 * The filters a page offers; those it leaves out mean "any" (secondedAway: only those 借调在外;
 * contract: 合同到期 / 试用期 / 试用期将满 / 合同到期未续, sent only when chosen).
 */
export type RosterFilters = { [K in FilterKey]?: RosterQuery[K] | '' } & {
  secondedAway?: boolean | null
  contract?: ContractFilter | '' | null
  /** Only 书记 whose tenure is not filed with the county (书记备案). */
  unfiledSecretary?: boolean | null
  /** Only people in post who reach the legal retirement age within 6 months (or have). */
  retiring?: boolean | null
  /** Only people in post (在岗 or 试用期). */
  inPost?: boolean | null
  /** 岗位等级 as the team chart labels it. */
  grade?: string | null
}

const orNull = <T,>(v: T | '' | undefined | null): T | null => (v === '' || v === undefined ? null : v)

export function rosterQuery(
  search: string,
  filters: RosterFilters,
  view: { sort: SortKey; descending: boolean; page: number; pageSize: number },
): RosterQuery {
  return {
    search: search.trim() === '' ? null : search.trim(),
    communityId: orNull(filters.communityId),
    category: orNull(filters.category),
    position: orNull(filters.position),
    politicalStatus: orNull(filters.politicalStatus),
    education: orNull(filters.education),
    certificate: orNull(filters.certificate),
    status: orNull(filters.status),
    ageBand: orNull(filters.ageBand),
    secondedAway: filters.secondedAway === true,
    asOf: null,
    ...(filters.contract ? { contract: filters.contract } : {}),
    ...(filters.unfiledSecretary ? { unfiledSecretary: true } : {}),
    ...(filters.retiring ? { retiring: true } : {}),
    ...(filters.inPost ? { inPost: true } : {}),
    ...(filters.grade ? { grade: filters.grade } : {}),
    ...view,
  }
}
