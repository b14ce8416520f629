import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { CadenceRow, CadenceStatus, CareVocabulary, ClassDetail } from '@/bindings'
import { communities, vocabulary } from './fixtures'
import { body, mountView, sleep } from './mount'

vi.mock('@/api/training', () => ({
  getClass: vi.fn(),
  addAttendees: vi.fn(),
  updateAttendance: vi.fn(),
  removeAttendance: vi.fn(),
  createClass: vi.fn(),
  updateClass: vi.fn(),
  addExternalTraining: vi.fn(),
}))
vi.mock('@/api/workers', () => ({ queryRoster: vi.fn() }))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
vi.mock('@/api/care', () => ({ getCareVocabulary: vi.fn() }))

import { addAttendees, createClass, getClass } from '@/api/training'
import { queryRoster } from '@/api/workers'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { getCareVocabulary } from '@/api/care'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import { countByStatus, filterCadence, hoursText } from '@/views/training/display'
import { endNotBeforeStart } from '@/views/training/rules'
import ClassDetailView from '@/views/training/class-detail.vue'
import ClassForm from '@/views/training/class-form.vue'
import PeoplePicker from '@/components/PeoplePicker.vue'
import { rosterRow } from './fixtures'

const careVocabulary: CareVocabulary = {
  trainingKinds: ['初任培训', '在职培训', '专项工作培训', '实践锻炼'],
  trainingTiers: ['省级以上示范培训', '市地级重点培训', '县级骨干培训', '街道(乡镇)全员培训'],
  trainingModes: ['线下', '线上'],
  trainingResults: ['结业', '未结业', '缺席'],
  cadenceStatuses: ['已逾期', '即将到期', '待培训', '已完成'],
  festivals: ['春节', '中秋节'],
  visitForms: ['走访', '慰问金', '慰问品'],
  difficultyCategories: ['生活', '工作'],
  difficultyStatuses: ['待办理', '办理中', '已解决'],
}

function cadenceRow(workerId: number, name: string, status: CadenceStatus, communityId = 1): CadenceRow {
  return {
    workerId,
    name,
    communityId,
    communityName: communityId === 1 ? '东风社区' : '西湖社区',
    category: '社区专职工作人员',
    position: '专职工作人员',
    hiredOn: '2020-01-01',
    rule: '每36个月至少1次',
    decidedBy: '每36个月至少1次',
    status,
    dueDate: '2026-01-01',
    ruleStatus: status,
    ruleDueDate: '2026-01-01',
    lastTraining: null,
    lastTrainingDate: null,
    inductionStatus: null,
    inductionDueDate: null,
  }
}

const CLASS: ClassDetail = {
  class: {
    id: 7,
    name: '全员轮训',
    kind: '在职培训',
    tier: '县级骨干培训',
    organizer: '区民政局',
    startDate: '2026-03-01',
    endDate: '2026-03-02',
    hours: 12,
    mode: '线下',
    place: null,
    remarks: null,
    attendees: 1,
    completed: 1,
  },
  attendees: [
    {
      id: 70,
      classId: 7,
      workerId: 1,
      workerName: '张三',
      communityName: '东风社区',
      hours: 12,
      result: '结业',
      remarks: null,
    },
  ],
}

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(getCareVocabulary).mockResolvedValue(careVocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(getClass).mockResolvedValue(CLASS)
  vi.mocked(queryRoster).mockResolvedValue({ total: 0, page: 1, pageSize: 500, rows: [] })
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('cadence list helpers', () => {
  const rows = [
    cadenceRow(1, '张三', '已逾期'),
    cadenceRow(2, '李四', '已完成', 2),
    cadenceRow(3, '王五', '已逾期', 2),
  ]

  it('counts each status, zero for the ones nobody is in', () => {
    expect(countByStatus(rows, careVocabulary.cadenceStatuses)).toEqual({
      已逾期: 2,
      即将到期: 0,
      待培训: 0,
      已完成: 1,
    })
  })

  it('filters by status, community and a name fragment together', () => {
    expect(filterCadence(rows, { status: '已逾期', communityId: null, search: '' }).map((r) => r.name)).toEqual([
      '张三',
      '王五',
    ])
    expect(filterCadence(rows, { status: '已逾期', communityId: 2, search: '' }).map((r) => r.name)).toEqual(['王五'])
    expect(filterCadence(rows, { status: null, communityId: null, search: '李' }).map((r) => r.name)).toEqual(['李四'])
  })

  it('writes hours as a clerk does', () => {
    expect(hoursText(8)).toBe('8')
    expect(hoursText(2.5)).toBe('2.5')
  })

  it('refuses an end date before the start, and says which dates', () => {
    expect(endNotBeforeStart('2026-03-02', '2026-03-01')).toContain('早于开始日期')
    expect(endNotBeforeStart('2026-03-01', '2026-03-01')).toBeUndefined()
    expect(endNotBeforeStart(null, '2026-03-01')).toBeUndefined()
  })
})

describe('class page', () => {
  it('adds everyone picked in one call, as 结业 with the class hours', async () => {
    vi.mocked(addAttendees).mockResolvedValue([])
    const { wrapper } = mountView(ClassDetailView, { props: { id: 7 } })
    await flushPromises()
    expect(wrapper.find('[data-test=class-title]').text()).toBe('全员轮训')
    expect(wrapper.find('[data-test=attendees-table]').text()).toContain('张三')

    const picker = wrapper.findComponent(PeoplePicker)
    // People already on the class cannot be picked again.
    expect(picker.props('excluded')).toEqual([1])
    picker.vm.$emit('picked', [rosterRow(2, '李四'), rosterRow(3, '王五')])
    await flushPromises()

    expect(addAttendees).toHaveBeenCalledWith(7, [
      { workerId: 2, hours: null, result: '结业', remarks: null },
      { workerId: 3, hours: null, result: '结业', remarks: null },
    ])
    expect(getClass).toHaveBeenCalledTimes(2)
  })
})

describe('class form', () => {
  it("puts the backend's message next to the field it names, keeping what was typed", async () => {
    vi.mocked(createClass).mockRejectedValue({
      kind: 'validation',
      field: 'hours',
      message: '学时最多保留一位小数，例如 2.5。',
    })
    const { wrapper } = mountView(ClassForm, { props: { modelValue: true, trainingClass: null } })
    await flushPromises()
    const vm = wrapper.vm as unknown as { $: { setupState: { form: Record<string, unknown> } } }
    Object.assign(vm.$.setupState.form, {
      name: '全员轮训',
      kind: '在职培训',
      tier: '县级骨干培训',
      startDate: '2026-03-01',
      endDate: '2026-03-02',
      hours: 8,
    })
    await flushPromises()
    await body().find('[data-test=class-save]').trigger('click')
    await flushPromises()
    await sleep(150)
    await flushPromises()
    expect(createClass).toHaveBeenCalledTimes(1)
    expect(vi.mocked(createClass).mock.lastCall![0]).toMatchObject({ name: '全员轮训', hours: 8, place: null })
    expect(body().text()).toContain('学时最多保留一位小数')
    expect((body().find('[data-test=class-name] input').element as HTMLInputElement).value).toBe('全员轮训')
  })
})
