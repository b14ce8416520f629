import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElSelect } from 'element-plus'
import type { CareSummary, CareVocabulary, CheckupDetail, Difficulty, PersonRef, Visit } from '@/bindings'
import { communities, rosterRow, vocabulary } from './fixtures'
import { body, mountView, sleep } from './mount'

vi.mock('@/api/care', () => ({
  getCareVocabulary: vi.fn(),
  careSummary: vi.fn(),
  listCheckupRounds: vi.fn(),
  getCheckupRound: vi.fn(),
  createCheckupRound: vi.fn(),
  addCheckupAttendees: vi.fn(),
  notChecked: vi.fn(),
  workerCheckups: vi.fn(),
  listVisits: vi.fn(),
  createVisits: vi.fn(),
  notVisited: vi.fn(),
  listActivities: vi.fn(),
  createActivity: vi.fn(),
  activityParticipants: vi.fn(),
  workerActivities: vi.fn(),
  listDifficulties: vi.fn(),
  createDifficulty: vi.fn(),
  updateDifficulty: vi.fn(),
}))
// The people picker reads the roster, the communities and the drop-down lists.
vi.mock('@/api/workers', () => ({ queryRoster: vi.fn() }))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))

import * as care from '@/api/care'
import { queryRoster } from '@/api/workers'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import { attendeeInputs, amountProblem } from '@/views/care/rules'
import CarePage from '@/views/care/index.vue'
import CareTab from '@/views/workers/care-tab.vue'

const YEAR = new Date().getFullYear()

const careVocabulary: CareVocabulary = {
  trainingKinds: [],
  trainingTiers: [],
  trainingModes: [],
  trainingResults: [],
  cadenceStatuses: [],
  festivals: ['春节', '元宵节', '端午节', '中秋节', '重阳节', '其他'],
  visitForms: ['走访', '慰问金', '慰问品'],
  difficultyCategories: ['生活', '工作', '健康', '家庭', '其他'],
  difficultyStatuses: ['待办理', '办理中', '已解决'],
}

const summary: CareSummary = {
  year: YEAR,
  asOf: `${YEAR}-06-30`,
  checkupTotal: 40,
  checked: 30,
  checkupPercent: 75,
  needsAttention: 2,
  notChecked: [],
  visits: careVocabulary.festivals.map((festival) =>
    festival === '春节'
      ? { festival, people: 12, visits: 12, amountFen: 600000, amount: '6000.00' }
      : { festival, people: 0, visits: 0, amountFen: 0, amount: '0.00' },
  ),
  activities: 3,
  activityPeople: 25,
  openDifficulties: [],
  flaggedDifficulties: 1,
}

function difficulty(id: number, over: Partial<Difficulty> = {}): Difficulty {
  return {
    id,
    workerId: 1,
    workerName: '张三',
    communityName: '东风社区',
    reportedOn: `${YEAR}-01-05`,
    category: '生活',
    description: '家中老人住院，需要调班照顾',
    status: '待办理',
    resolution: null,
    resolvedOn: null,
    daysOpen: 10,
    flagged: false,
    ...over,
  }
}

const person = (workerId: number, name: string, status = '在岗'): PersonRef => ({
  workerId,
  name,
  communityName: '东风社区',
  category: '社区专职工作人员',
  status,
})

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(queryRoster).mockResolvedValue({
    total: 3,
    page: 1,
    pageSize: 500,
    rows: [
      rosterRow(1, '张三'),
      rosterRow(2, '李四', { status: '退休' }),
      // Has left: shown in the picker but cannot be ticked.
      rosterRow(3, '王五', { status: '已退出' }),
    ],
  })
  vi.mocked(care.getCareVocabulary).mockResolvedValue(careVocabulary)
  vi.mocked(care.careSummary).mockResolvedValue(summary)
  vi.mocked(care.listCheckupRounds).mockResolvedValue([])
  vi.mocked(care.notChecked).mockResolvedValue([person(7, '赵六')])
  vi.mocked(care.listVisits).mockResolvedValue([])
  vi.mocked(care.notVisited).mockResolvedValue([])
  vi.mocked(care.listActivities).mockResolvedValue([])
  vi.mocked(care.listDifficulties).mockResolvedValue([])
  vi.mocked(care.workerCheckups).mockResolvedValue([])
  vi.mocked(care.workerActivities).mockResolvedValue([])
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

/** Lets promises and Element Plus' 100 ms error debounce run. */
async function settle() {
  await flushPromises()
  await sleep(120)
  await flushPromises()
}

async function openPage(tab?: string) {
  const { wrapper } = mountView(CarePage)
  await flushPromises()
  if (tab) {
    await wrapper.find(`[data-test=care-tab-${tab}]`).trigger('click')
    await flushPromises()
  }
  return wrapper
}

const click = async (dataTest: string) => {
  await body().find(`[data-test=${dataTest}]`).trigger('click')
  await settle()
}
const input = (dataTest: string) => body().find<HTMLInputElement>(`[data-test=${dataTest}] input`)

/** Sets an el-select or el-date-picker found by the data-test around it. */
function pick(wrapper: VueWrapper, dataTest: string, value: unknown) {
  const all = [...wrapper.findAllComponents(ElSelect), ...wrapper.findAllComponents(ElDatePicker)]
  const found = all.find((c) => {
    const el = c.element as Node
    const host = el.nodeType === 1 ? (el as HTMLElement) : el.nextSibling
    return host instanceof HTMLElement && host.closest(`[data-test=${dataTest}]`)
  })
  if (!found) throw new Error(`no select or date picker ${dataTest}`)
  found.vm.$emit('update:modelValue', value)
}

function errorNextTo(dataTest: string): string | null {
  const item = body().find(`[data-test=${dataTest}]`).element.closest('.el-form-item')
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? null
}

/** Opens the people picker with `button`, ticks everyone who may be ticked and confirms. */
async function pickEveryone(button: string) {
  await click(button)
  await click('picker-select-all')
  await click('picker-confirm')
}

describe('care page', () => {
  it('shows the year’s figures and loads the chosen year', async () => {
    const wrapper = await openPage()
    expect(care.careSummary).toHaveBeenCalledWith(YEAR)
    expect(wrapper.find('[data-test=care-summary-checkup]').text()).toContain('30 / 40 人')
    expect(wrapper.find('[data-test=care-summary-checkup]').text()).toContain('75.0%')
    expect(wrapper.find('[data-test=care-summary-visits]').text()).toContain('春节')
    expect(wrapper.find('[data-test=care-summary-visits]').text()).toContain('6000.00 元')
    // Festivals without visits are left out of the card.
    expect(wrapper.find('[data-test=care-summary-visits]').text()).not.toContain('端午节')
    expect(wrapper.find('[data-test=care-summary-flagged]').text()).toContain('1 件超过30天未办结')
    // The first tab lists the year's rounds and who is not checked.
    expect(care.listCheckupRounds).toHaveBeenCalledWith(YEAR)
    expect(wrapper.find('[data-test=not-checked-table]').text()).toContain('赵六')

    pick(wrapper, 'care-year', YEAR - 1)
    await flushPromises()
    expect(care.careSummary).toHaveBeenLastCalledWith(YEAR - 1)
    expect(care.listCheckupRounds).toHaveBeenLastCalledWith(YEAR - 1)
    expect(care.notChecked).toHaveBeenLastCalledWith(YEAR - 1)
  })

  it('sends a new check-up round with its attendees and their flags', async () => {
    const saved: CheckupDetail = {
      round: { id: 5, checkupDate: `${YEAR}-01-10`, institution: '区人民医院', remarks: null, listed: 2, attended: 1 },
      attendees: [],
    }
    vi.mocked(care.createCheckupRound).mockResolvedValue(saved)
    vi.mocked(care.getCheckupRound).mockResolvedValue(saved)
    const wrapper = await openPage()

    await click('checkup-new')
    pick(wrapper, 'checkup-date', `${YEAR}-01-10`)
    await input('checkup-institution').setValue('区人民医院')
    await pickEveryone('checkup-pick')
    expect(body().find('[data-test=checkup-attendee-count]').text()).toContain('已选 2 人')

    // 张三 attended and needs attention; 李四 (retired) did not come.
    await body().find('[data-test=attendee-attention-1] input').setValue(true)
    await input('attendee-note-1').setValue('建议复查')
    await body().find('[data-test=attendee-attended-2] input').setValue(false)
    // 需关注 is only for someone checked.
    expect(body().find('[data-test=attendee-attention-2]').classes()).toContain('is-disabled')

    await click('checkup-save')
    expect(care.createCheckupRound).toHaveBeenCalledTimes(1)
    expect(vi.mocked(care.createCheckupRound).mock.calls[0][0]).toEqual({
      checkupDate: `${YEAR}-01-10`,
      institution: '区人民医院',
      remarks: null,
      attendees: [
        { workerId: 1, attended: true, needsAttention: true, note: '建议复查' },
        { workerId: 2, attended: false, needsAttention: false, note: null },
      ],
    })
    // The saved round opens, and the page's figures are refreshed.
    expect(care.getCheckupRound).toHaveBeenCalledWith(5)
    expect(vi.mocked(care.careSummary).mock.calls.length).toBe(2)
  })

  it('puts a refused attendee line under the list', async () => {
    const message = '李四未参加体检，不能标记“需关注”。'
    vi.mocked(care.createCheckupRound).mockRejectedValue({ kind: 'validation', field: 'needsAttention', message })
    const wrapper = await openPage()
    await click('checkup-new')
    pick(wrapper, 'checkup-date', `${YEAR}-01-10`)
    await input('checkup-institution').setValue('区人民医院')
    await pickEveryone('checkup-pick')
    await click('checkup-save')
    expect(errorNextTo('checkup-pick')).toBe(message)
  })

  it('sends the chosen people and the amount as typed for a visit batch', async () => {
    vi.mocked(care.createVisits).mockResolvedValue([{} as Visit, {} as Visit])
    const wrapper = await openPage('visits')
    expect(care.listVisits).toHaveBeenCalledWith(YEAR, null, null)
    // The 未走访 list starts with the first festival.
    expect(care.notVisited).toHaveBeenCalledWith('春节', YEAR)

    await click('visit-batch')
    pick(wrapper, 'visit-festival', '中秋节')
    pick(wrapper, 'visit-form', '慰问金')
    pick(wrapper, 'visit-date', `${YEAR}-01-20`)
    await input('visit-amount').setValue('500.00')
    await input('visit-by').setValue('王书记')
    // Retired people may be picked; someone who has left may not.
    await pickEveryone('visit-pick')
    expect(body().find('[data-test=visit-recipients]').text()).toContain('李四')
    expect(body().find('[data-test=visit-recipients]').text()).not.toContain('王五')

    await click('visit-save')
    expect(care.createVisits).toHaveBeenCalledTimes(1)
    expect(vi.mocked(care.createVisits).mock.calls[0][0]).toEqual({
      festival: '中秋节',
      year: YEAR,
      visitDate: `${YEAR}-01-20`,
      form: '慰问金',
      amount: '500.00',
      visitedBy: '王书记',
      remarks: null,
      workerIds: [1, 2],
    })
    // The list and the figures are reloaded.
    expect(vi.mocked(care.listVisits).mock.calls.length).toBe(2)
    expect(vi.mocked(care.careSummary).mock.calls.length).toBe(2)
  })

  it('shows core’s amount error next to the amount and keeps the form', async () => {
    const message = '慰问金额不能超过 100000 元，请核对。'
    vi.mocked(care.createVisits).mockRejectedValue({ kind: 'validation', field: 'amount', message })
    const wrapper = await openPage('visits')
    await click('visit-batch')
    pick(wrapper, 'visit-festival', '春节')
    pick(wrapper, 'visit-form', '慰问金')
    pick(wrapper, 'visit-date', `${YEAR}-01-20`)
    await input('visit-amount').setValue('200000')
    await pickEveryone('visit-pick')
    await click('visit-save')

    expect(vi.mocked(care.createVisits).mock.calls[0][0].amount).toBe('200000')
    expect(errorNextTo('visit-amount')).toBe(message)
    expect(input('visit-amount').element.value).toBe('200000')
    expect(body().find('[data-test=visit-recipient-count]').text()).toContain('已选 2 人')
  })

  it('asks for an amount with 慰问金 before sending', async () => {
    const wrapper = await openPage('visits')
    await click('visit-batch')
    pick(wrapper, 'visit-festival', '春节')
    pick(wrapper, 'visit-form', '慰问金')
    pick(wrapper, 'visit-date', `${YEAR}-01-20`)
    await pickEveryone('visit-pick')
    await click('visit-save')
    expect(care.createVisits).not.toHaveBeenCalled()
    expect(errorNextTo('visit-amount')).toContain('请填写每人的慰问金额')
  })

  it('adds people to an existing round', async () => {
    const round = { id: 5, checkupDate: `${YEAR}-01-10`, institution: '区人民医院', remarks: null, listed: 1, attended: 1 }
    vi.mocked(care.listCheckupRounds).mockResolvedValue([round])
    vi.mocked(care.getCheckupRound).mockResolvedValue({
      round,
      attendees: [
        { id: 1, roundId: 5, workerId: 1, workerName: '张三', communityName: '东风社区', attended: true, needsAttention: false, note: null },
      ],
    })
    vi.mocked(care.addCheckupAttendees).mockResolvedValue([])
    await openPage()
    await click('checkup-open-5')
    expect(body().find('[data-test=checkup-detail-table]').text()).toContain('张三')

    // 张三 is already on the list: only 李四 can be ticked.
    await pickEveryone('checkup-add-pick')
    await click('checkup-add-save')
    expect(care.addCheckupAttendees).toHaveBeenCalledWith(5, [
      { workerId: 2, attended: true, needsAttention: false, note: null },
    ])
  })

  it('creates an activity with its participants and lists them on a click', async () => {
    vi.mocked(care.listActivities).mockResolvedValue([
      { id: 3, name: '心理减压团体辅导', activityDate: `${YEAR}-04-01`, place: '街道活动室', remarks: null, participants: 2 },
    ])
    vi.mocked(care.activityParticipants).mockResolvedValue([person(1, '张三'), person(2, '李四', '退休')])
    vi.mocked(care.createActivity).mockImplementation(async (input) => ({ id: 4, participants: input.workerIds.length, ...input }))
    const wrapper = await openPage('activities')
    expect(care.listActivities).toHaveBeenCalledWith(YEAR)

    await click('activity-open-3')
    expect(care.activityParticipants).toHaveBeenCalledWith(3)
    expect(body().find('[data-test=activity-participants]').text()).toContain('李四')

    await click('activity-new')
    await input('activity-name').setValue('健步走')
    pick(wrapper, 'activity-date', `${YEAR}-04-02`)
    await pickEveryone('activity-pick')
    await click('activity-save')
    expect(care.createActivity).toHaveBeenCalledWith({
      name: '健步走',
      activityDate: `${YEAR}-04-02`,
      place: null,
      remarks: null,
      workerIds: [1, 2],
    })
  })

  it('marks difficulties open more than 30 days and can show all', async () => {
    vi.mocked(care.listDifficulties).mockResolvedValue([
      difficulty(1, { flagged: true, daysOpen: 45, workerName: '张三' }),
      difficulty(2, { workerId: 2, workerName: '李四', status: '办理中' }),
    ])
    const wrapper = await openPage('difficulties')
    expect(care.listDifficulties).toHaveBeenCalledWith(true, null)

    const rows = body().findAll('[data-test=difficulty-table] .el-table__body tr')
    expect(rows).toHaveLength(2)
    expect(rows[0].classes()).toContain('care-flagged-row')
    expect(rows[0].find('[data-test=difficulty-flagged]').text()).toBe('超过30天未办结')
    expect(rows[1].classes()).not.toContain('care-flagged-row')
    expect(rows[1].find('[data-test=difficulty-flagged]').exists()).toBe(false)
    expect(wrapper.find('[data-test=difficulty-count]').text()).toContain('1 件超过30天未办结')

    await wrapper.find('[data-test=difficulty-open-only]').trigger('click')
    await flushPromises()
    expect(care.listDifficulties).toHaveBeenLastCalledWith(false, null)
  })

  it('closes a difficulty only with a resolved date, and sends the edit', async () => {
    const row = difficulty(4, { flagged: true, daysOpen: 40 })
    vi.mocked(care.listDifficulties).mockResolvedValue([row])
    vi.mocked(care.updateDifficulty).mockResolvedValue({ ...row, status: '已解决' })
    const wrapper = await openPage('difficulties')

    await click('difficulty-edit-4')
    expect(body().find('[data-test=difficulty-person-name]').text()).toBe('张三')
    pick(wrapper, 'difficulty-status', '已解决')
    await flushPromises()
    await body().find('[data-test=difficulty-resolution] textarea').setValue('已协调调班')
    await click('difficulty-save')
    expect(care.updateDifficulty).not.toHaveBeenCalled()
    expect(errorNextTo('difficulty-resolved-on')).toContain('请填写解决日期')

    pick(wrapper, 'difficulty-resolved-on', `${YEAR}-02-01`)
    await click('difficulty-save')
    expect(care.updateDifficulty).toHaveBeenCalledWith(4, {
      workerId: 1,
      reportedOn: `${YEAR}-01-05`,
      category: '生活',
      description: '家中老人住院，需要调班照顾',
      status: '已解决',
      resolution: '已协调调班',
      resolvedOn: `${YEAR}-02-01`,
    })
  })
})

describe('care tab of a person', () => {
  it('lists the person’s care records and registers a difficulty for them', async () => {
    vi.mocked(care.workerCheckups).mockResolvedValue([
      { roundId: 1, checkupDate: `${YEAR}-03-01`, institution: '区人民医院', attended: true, needsAttention: true, note: '建议复查' },
    ])
    vi.mocked(care.listVisits).mockResolvedValue([
      {
        id: 1,
        festival: '春节',
        year: YEAR,
        visitDate: `${YEAR}-01-20`,
        workerId: 9,
        workerName: '孙七',
        communityName: '东风社区',
        form: '慰问金',
        amountFen: 50000,
        amount: '500.00',
        visitedBy: null,
        remarks: null,
      },
    ])
    vi.mocked(care.listDifficulties).mockResolvedValue([difficulty(3, { workerId: 9, flagged: true, daysOpen: 60 })])
    vi.mocked(care.createDifficulty).mockImplementation(async (input) => difficulty(8, input))
    const { wrapper } = mountView(CareTab, { props: { workerId: 9, workerName: '孙七' } })
    await flushPromises()

    expect(care.workerCheckups).toHaveBeenCalledWith(9)
    expect(care.listVisits).toHaveBeenCalledWith(null, null, 9)
    expect(care.workerActivities).toHaveBeenCalledWith(9)
    expect(care.listDifficulties).toHaveBeenCalledWith(false, 9)
    expect(wrapper.find('[data-test=worker-care-checkups]').text()).toContain('建议复查')
    expect(wrapper.find('[data-test=worker-care-visits]').text()).toContain('500.00')
    expect(wrapper.find('[data-test=worker-care-activities]').text()).toContain('没有参加过关爱活动')
    expect(wrapper.find('[data-test=worker-care-difficulties] .care-flagged-row').exists()).toBe(true)

    await click('worker-care-difficulty-new')
    expect(body().find('[data-test=difficulty-person-name]').text()).toBe('孙七')
    pick(wrapper, 'difficulty-category', '健康')
    await body().find('[data-test=difficulty-description] textarea').setValue('腰伤需要休养')
    await click('difficulty-save')
    const sent = vi.mocked(care.createDifficulty).mock.calls[0][0]
    expect(sent).toMatchObject({ workerId: 9, category: '健康', description: '腰伤需要休养', status: '待办理' })
    expect(sent.resolvedOn).toBeNull()
    expect(vi.mocked(care.listDifficulties).mock.calls.length).toBe(2)
  })
})

describe('care rules', () => {
  it('drops 需关注 and the note for someone not checked', () => {
    const base = { name: '张三', communityName: '东风社区', status: '在岗' }
    expect(
      attendeeInputs([
        { ...base, workerId: 1, attended: false, needsAttention: true, note: '复查' },
        { ...base, workerId: 2, attended: true, needsAttention: false, note: '复查' },
        { ...base, workerId: 3, attended: true, needsAttention: true, note: '  ' },
      ]),
    ).toEqual([
      { workerId: 1, attended: false, needsAttention: false, note: null },
      { workerId: 2, attended: true, needsAttention: false, note: null },
      { workerId: 3, attended: true, needsAttention: true, note: null },
    ])
  })

  it('accepts the amounts core accepts', () => {
    for (const ok of ['500', '500.5', '500.50', '500元', ' 300.50 ']) expect(amountProblem('慰问金', ok)).toBeNull()
    expect(amountProblem('走访', '')).toBeNull()
    expect(amountProblem('慰问金', '')).toContain('请填写')
    for (const bad of ['五百', '500.', '5,000']) expect(amountProblem('慰问品', bad)).toContain('不是有效金额')
    expect(amountProblem('慰问金', '-5')).toContain('不能为负数')
    expect(amountProblem('慰问金', '1.234')).toContain('两位小数')
  })
})
