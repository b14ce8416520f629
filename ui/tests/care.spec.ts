import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { CareActivity, CareSummary, CareVocabulary, CheckupDetail, Difficulty, PersonRef, Visit, WorkerStatus } from '@/bindings'
import { communities, rosterRow, vocabulary } from './fixtures'
import { answerBox, body, mountView, settle } from './mount'
import { errorNextTo, input, pick } from './formKit'

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
  updateCheckupRound: vi.fn(),
  deleteCheckupRound: vi.fn(),
  updateCheckupAttendee: vi.fn(),
  removeCheckupAttendee: vi.fn(),
  updateVisit: vi.fn(),
  deleteVisit: vi.fn(),
  updateActivity: vi.fn(),
  addActivityParticipants: vi.fn(),
  removeActivityParticipant: vi.fn(),
  deleteActivity: vi.fn(),
  deleteDifficulty: vi.fn(),
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
  visitedPeople: 12,
  activities: 3,
  activityPeople: 25,
  difficultiesByStatus: careVocabulary.difficultyStatuses.map((label) => ({ label, count: 0 })),
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

function visit(id: number, over: Partial<Visit> = {}): Visit {
  return {
    id,
    festival: '春节',
    year: YEAR,
    visitDate: `${YEAR}-01-20`,
    workerId: 1,
    workerName: '张三',
    communityName: '东风社区',
    form: '慰问金',
    amountFen: 50000,
    amount: '500.00',
    visitedBy: null,
    remarks: null,
    ...over,
  }
}

const activity = (id: number, over: Partial<CareActivity> = {}): CareActivity => ({
  id,
  name: '心理减压团体辅导',
  activityDate: `${YEAR}-04-01`,
  place: '街道活动室',
  remarks: null,
  participants: 1,
  ...over,
})

const person = (workerId: number, name: string, status: WorkerStatus = '在岗'): PersonRef => ({
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
/** The open confirm box's text. */
const boxText = () => document.querySelector('.el-message-box')?.textContent ?? ''

/** Clicks a button of the open confirm box by its text. */

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
    // The form looked up who already had a 中秋节 visit, to grey them out in the picker.
    expect(care.listVisits).toHaveBeenCalledWith(YEAR, '中秋节', null)
    // The list and the figures are reloaded.
    expect(vi.mocked(care.listVisits).mock.calls.filter((c) => c[1] === null).length).toBe(2)
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

  it('asks before deleting a visit, and deletes only on yes', async () => {
    vi.mocked(care.listVisits).mockResolvedValue([visit(11)])
    vi.mocked(care.deleteVisit).mockResolvedValue(null)
    await openPage('visits')

    await click('visit-delete-11')
    expect(boxText()).toContain('张三')
    expect(boxText()).toContain('不能恢复')
    await answerBox('取消')
    expect(care.deleteVisit).not.toHaveBeenCalled()

    await click('visit-delete-11')
    await answerBox('确定删除')
    expect(care.deleteVisit).toHaveBeenCalledWith(11)
    // The list and the figures are reloaded.
    expect(vi.mocked(care.listVisits).mock.calls.filter((c) => c[1] === null).length).toBe(2)
    expect(vi.mocked(care.careSummary).mock.calls.length).toBe(2)
  })

  it('edits a visit: the amount goes as typed, and a duplicate shows next to 形式', async () => {
    vi.mocked(care.listVisits).mockResolvedValue([visit(11, { visitedBy: '王书记' })])
    const message = '张三 今年春节已有一条“慰问品”记录，同一节日同一形式只登记一次。'
    vi.mocked(care.updateVisit).mockRejectedValueOnce({ kind: 'conflict', field: 'form', message })
    const wrapper = await openPage('visits')

    await click('visit-edit-11')
    expect(body().find('[data-test=visit-edit-who]').text()).toContain('张三')
    expect(input('visit-amount').element.value).toBe('500.00')
    pick(wrapper, 'visit-form', '慰问品')
    await click('visit-edit-save')
    expect(care.updateVisit).toHaveBeenCalledWith(11, {
      visitDate: `${YEAR}-01-20`,
      form: '慰问品',
      amount: '500.00',
      visitedBy: '王书记',
      remarks: null,
    })
    // Beside the field, not as a notification; the dialog keeps what was typed.
    expect(errorNextTo('visit-form')).toBe(message)
    expect(document.querySelector('.el-notification')).toBeNull()
    expect(input('visit-amount').element.value).toBe('500.00')

    vi.mocked(care.updateVisit).mockResolvedValueOnce(visit(11, { amount: '300.50' }))
    pick(wrapper, 'visit-form', '慰问金')
    await input('visit-amount').setValue('300.5元')
    await click('visit-edit-save')
    expect(vi.mocked(care.updateVisit).mock.calls[1]).toEqual([
      11,
      { visitDate: `${YEAR}-01-20`, form: '慰问金', amount: '300.5元', visitedBy: '王书记', remarks: null },
    ])
    expect(vi.mocked(care.listVisits).mock.calls.length).toBe(2)
  })

  it('adds only the new people to an activity, and removes one on yes', async () => {
    vi.mocked(care.listActivities).mockResolvedValue([activity(3)])
    vi.mocked(care.activityParticipants).mockResolvedValue([person(1, '张三')])
    vi.mocked(care.addActivityParticipants).mockResolvedValue(activity(3, { participants: 2 }))
    vi.mocked(care.removeActivityParticipant).mockResolvedValue(activity(3, { participants: 0 }))
    await openPage('activities')

    await click('activity-open-3')
    // 张三 takes part already: only 李四 can be ticked (王五 has left).
    await pickEveryone('activity-add-people')
    expect(care.addActivityParticipants).toHaveBeenCalledTimes(1)
    expect(care.addActivityParticipants).toHaveBeenCalledWith(3, [2])
    expect(care.activityParticipants).toHaveBeenCalledTimes(2)
    expect(care.listActivities).toHaveBeenCalledTimes(2)

    await click('activity-participant-remove-1')
    expect(boxText()).toContain('张三')
    await answerBox('移除')
    expect(care.removeActivityParticipant).toHaveBeenCalledWith(3, 1)
  })

  it('edits an activity without touching its people, and deletes one on yes', async () => {
    vi.mocked(care.listActivities).mockResolvedValue([activity(3, { participants: 4 })])
    vi.mocked(care.updateActivity).mockImplementation(async (id, input) => activity(id, input))
    vi.mocked(care.deleteActivity).mockResolvedValue(null)
    await openPage('activities')

    await click('activity-edit-3')
    expect(input('activity-name').element.value).toBe('心理减压团体辅导')
    expect(body().find('[data-test=activity-pick]').exists()).toBe(false)
    await input('activity-place').setValue('社区党群服务中心')
    await click('activity-edit-save')
    expect(care.updateActivity).toHaveBeenCalledWith(3, {
      name: '心理减压团体辅导',
      activityDate: `${YEAR}-04-01`,
      place: '社区党群服务中心',
      remarks: null,
      workerIds: [],
    })

    await click('activity-delete-3')
    expect(boxText()).toContain('4 名参加人员')
    await answerBox('确定删除')
    expect(care.deleteActivity).toHaveBeenCalledWith(3)
  })

  it('corrects one line of a round, and deletes a mistaken round after saying how much goes', async () => {
    const round = { id: 5, checkupDate: `${YEAR}-01-10`, institution: '区人民医院', remarks: null, listed: 3, attended: 3 }
    vi.mocked(care.listCheckupRounds).mockResolvedValue([round])
    vi.mocked(care.getCheckupRound).mockResolvedValue({
      round,
      attendees: [
        { id: 21, roundId: 5, workerId: 1, workerName: '张三', communityName: '东风社区', attended: true, needsAttention: false, note: null },
      ],
    })
    vi.mocked(care.updateCheckupAttendee).mockImplementation(async (id, input) => ({
      id, roundId: 5, workerName: '张三', communityName: '东风社区', ...input,
    }))
    vi.mocked(care.deleteCheckupRound).mockResolvedValue(null)
    await openPage()
    await click('checkup-open-5')

    await click('checkup-line-edit-21')
    await body().find('[data-test=checkup-line-attention] input').setValue(true)
    await input('checkup-line-note').setValue('建议复查')
    await click('checkup-line-save')
    expect(care.updateCheckupAttendee).toHaveBeenCalledWith(21, {
      workerId: 1,
      attended: true,
      needsAttention: true,
      note: '建议复查',
    })
    expect(care.getCheckupRound).toHaveBeenCalledTimes(2)

    // The round itself: date, institution and remarks only; its list stays as it is.
    vi.mocked(care.updateCheckupRound).mockResolvedValue({ ...round, institution: '市第一医院' })
    await click('checkup-edit')
    expect(input('checkup-institution').element.value).toBe('区人民医院')
    await input('checkup-institution').setValue('市第一医院')
    await click('checkup-edit-save')
    expect(care.updateCheckupRound).toHaveBeenCalledWith(5, {
      checkupDate: `${YEAR}-01-10`,
      institution: '市第一医院',
      remarks: null,
      attendees: [],
    })

    await click('checkup-delete')
    expect(boxText()).toContain('3 条体检记录')
    expect(boxText()).toContain('变更历史')
    await answerBox('确定删除')
    expect(care.deleteCheckupRound).toHaveBeenCalledWith(5)
    expect(care.listCheckupRounds).toHaveBeenCalledTimes(4)
  })

  it('deletes a mistaken difficulty on yes', async () => {
    vi.mocked(care.listDifficulties).mockResolvedValue([difficulty(4)])
    vi.mocked(care.deleteDifficulty).mockResolvedValue(null)
    await openPage('difficulties')
    await click('difficulty-delete-4')
    expect(boxText()).toContain('张三')
    await answerBox('确定删除')
    expect(care.deleteDifficulty).toHaveBeenCalledWith(4)
    expect(care.listDifficulties).toHaveBeenCalledTimes(2)
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
    const headers = (table: string) =>
      wrapper.findAll(`[data-test=${table}] .el-table__header th`).map((th) => th.text())
    expect(headers('worker-care-checkups')).toEqual(['体检日期', '体检机构', '已参检', '需关注', '关注说明'])
    expect(headers('worker-care-visits')).toEqual(['年度', '节日', '日期', '形式', '金额(元)', '走访人', '备注'])
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
