import { describe, expect, it } from 'vitest'
import { emptyFilters, fromRouteQuery, toRouteQuery, type RosterState } from '@/views/workers/rosterRoute'

const state = (over: Partial<RosterState> = {}): RosterState => ({
  search: '',
  filters: emptyFilters(),
  sort: { key: 'community', descending: false },
  page: 1,
  pageSize: 20,
  ...over,
})

describe('the roster in the address', () => {
  it('writes only what differs from the plain list, and reads it back the same', () => {
    expect(toRouteQuery(state())).toEqual({})
    const s = state({
      search: ' 张 ',
      filters: { ...emptyFilters(), communityId: 7, status: '试用期', contract: '试用期将满', retiring: true, inPost: true, education: '大学本科', grade: '社区专职工作人员 3 级' },
      sort: { key: 'age', descending: true },
      page: 3,
      pageSize: 50,
    })
    const q = toRouteQuery(s)
    expect(q).toEqual({
      q: '张',
      community: '7',
      education: '大学本科',
      status: '试用期',
      contract: '试用期将满',
      retiring: '1',
      inPost: '1',
      grade: '社区专职工作人员 3 级',
      sort: 'age',
      desc: '1',
      page: '3',
      size: '50',
    })
    expect(fromRouteQuery(q as Record<string, string>)).toEqual({ ...s, search: '张' })
  })

  it('drops what an address gets wrong instead of sending it to core', () => {
    const s = fromRouteQuery({
      status: '在逃',
      contract: '全部',
      community: '7a',
      page: '-2',
      size: '37',
      sort: 'salary',
      retiring: 'yes',
    })
    expect(s).toEqual(state())
    expect(fromRouteQuery({ page: ['4', '5'], q: ['李'] }).page).toBe(4)
  })
})
