import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { auditEntry, staffing, stats } from './fixtures'
import { answerBox, body, mountView, settle } from './mount'

vi.mock('@/api/stats', () => ({
  getStats: vi.fn(),
  getStaffing: vi.fn(),
  recentChanges: vi.fn(),
  getReminders: vi.fn(),
  teamProfile: vi.fn(),
}))

// ECharts draws on a canvas happy-dom does not have: a stand-in with a button per bar.
vi.mock('@/components/BarChart.vue', async () => {
  const { defineComponent, h } = await import('vue')
  return {
    default: defineComponent({
      props: { categories: { type: Array, required: true }, series: { type: Array, required: true } },
      emits: ['pick'],
      setup(props, { emit }) {
        return () =>
          h(
            'div',
            { class: 'bar-chart-stub' },
            (props.categories as string[]).map((c, i) =>
              h('button', { class: 'bar', onClick: () => emit('pick', i) }, `${c}:${(props.series as { data: number[] }[]).map((s) => s.data[i]).join('/')}`),
            ),
          )
      },
    }),
  }
})

vi.mock('@/api/ledger', () => ({
  offsiteStatus: vi.fn(),
  ledgerInfo: vi.fn(),
  ledgerLocation: vi.fn(),
  chooseLedgerDir: vi.fn(),
  moveLedger: vi.fn(),
  restartApp: vi.fn(),
}))

import { getReminders, getStats, recentChanges, teamProfile } from '@/api/stats'
import type { Reminder, Reminders, TeamProfile } from '@/bindings'
import {
  chooseLedgerDir,
  ledgerInfo,
  ledgerLocation,
  moveLedger,
  offsiteStatus,
  restartApp,
} from '@/api/ledger'
import Home from '@/views/home/index.vue'

const place = {
  dbPath: 'C:\\Users\\clerk\\AppData\\Local\\cn.shegong.taizhang\\ledger.db',
  onNetwork: false,
  setByEnv: false,
  notice: null as string | null,
  suggestedDir: null as string | null,
}

const offsite = {
  dir: 'E:\\',
  folder: 'E:\\社工台账备份',
  present: false,
  remindDays: 7,
  encrypted: false,
  lastCopyAt: '2026-11-20 09:00',
  lastCopyFile: '异地备份-20261120-090000.db',
  reminder: null as string | null,
}
const info = { dbPath: 'ledger.db', backupsDir: 'backups', schemaVersion: 7, latestBackup: null, lastFullCheck: null }

const reminder = (kind: Reminder['kind'], title: string, count: number, extra: Partial<Reminder> = {}): Reminder => ({
  kind,
  title,
  count,
  unit: '人',
  detail: `${title}的说明`,
  urgent: false,
  year: null,
  date: null,
  ...extra,
})
const noReminders: Reminders = { asOf: '2026-12-05', items: [] }
const noProfile: TeamProfile = { asOf: '2026-12-05', inPost: 0, charts: [] }

beforeEach(() => {
  vi.mocked(getReminders).mockResolvedValue(noReminders)
  vi.mocked(teamProfile).mockResolvedValue(noProfile)
  vi.mocked(recentChanges).mockResolvedValue([auditEntry])
  vi.mocked(offsiteStatus).mockResolvedValue(offsite)
  vi.mocked(ledgerInfo).mockResolvedValue(info)
  vi.mocked(ledgerLocation).mockResolvedValue(place)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

describe('home', () => {
  it('renders headline cards, the staffing rows with the street total, and recent changes', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    const { wrapper } = mountView(Home)
    await flushPromises()

    expect(getStats).toHaveBeenCalledWith(null)
    expect(recentChanges).toHaveBeenCalledWith(60)
    expect(wrapper.find('[data-test=home-empty]').exists()).toBe(false)

    const card = (key: string) => wrapper.find(`[data-test=card-${key}] .card-value`).text()
    expect(card('communities')).toBe('3个')
    expect(card('inPost')).toBe('38人')
    expect(card('standard')).toBe('43人') // ceil(23350 × 18 / 10000) = ceil(42.03)
    expect(card('gap')).toBe('5人') // 43 − 38
    expect(wrapper.find('[data-test=card-gap] .card-value').classes()).toContain('text-danger')
    expect(card('probation')).toBe('3人')
    expect(card('exited')).toBe('3人')

    const rows = wrapper.findAll('[data-test=staffing-table] .el-table__body tr')
    expect(rows).toHaveLength(4)
    const cells = (i: number) => rows[i].findAll('td').map((td) => td.text())
    // 东风社区: 10000 people → 18.00 exact, 18 whole, 20 in post → 2 over.
    // Two away on secondment still count as in post; the one unapproved is shown red.
    expect(cells(0)).toEqual(['东风社区', '10,000', '18.00', '18', '5', '15', '20借调 2未批 1', '-2', '20.00'])
    expect(rows[0].findAll('td')[6].find('.text-danger').text()).toBe('未批 1')
    expect(cells(1)[6]).toBe('9')
    // 西湖社区: 8350 → 15.03 exact, 16 whole, 9 in post → 7 short, shown red.
    expect(cells(1).slice(0, 8)).toEqual(['西湖社区', '8,350', '15.03', '16', '4', '5', '9', '7'])
    expect(rows[1].find('.gap-short').exists()).toBe(true)
    expect(rows[0].find('.gap-short').exists()).toBe(false)
    // 南湖社区: exactly at the standard (gap 0) is not short.
    expect(cells(2)[7]).toBe('0')
    expect(rows[2].find('.gap-short').exists()).toBe(false)
    expect(cells(3)[0]).toBe('全街道合计')
    expect(rows[3].classes()).toContain('total-row')
    expect(rows[3].find('.gap-short').exists()).toBe(true)

    const history = wrapper.find('[data-test=recent-changes]')
    expect(history.text()).toContain('李文 修改了 张三 的手机号、职务')
    // The values are there on hover, not as a wall of text.
    expect(history.find('[data-test=recent-change]').attributes('title')).toBe('手机号：（空） → 13800138000\n职务：委员 → 副主任')
  })

  it('shows the getting-started state when there is no community yet', async () => {
    vi.mocked(getStats).mockResolvedValue({
      ...stats,
      communityWorkersInPost: 0,
      staffing: { ...staffing, communities: [], total: { ...staffing.total, population: 0 } },
    })
    vi.mocked(recentChanges).mockResolvedValue([])
    const { wrapper, router } = mountView(Home)
    await flushPromises()

    const empty = wrapper.find('[data-test=home-empty]')
    expect(empty.exists()).toBe(true)
    expect(empty.text()).toContain('设置')
    expect(empty.text()).toContain('社区')
    expect(wrapper.find('[data-test=staffing-table]').exists()).toBe(false)

    const push = vi.spyOn(router, 'push')
    const buttons = empty.findAll('button')
    await buttons.find((b) => b.text().includes('添加社区'))!.trigger('click')
    expect(push).toHaveBeenCalledWith('/communities')
  })

  it('reminds when the copy off the disk is overdue and when the full check found damage', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    const { wrapper } = mountView(Home)
    await flushPromises()
    expect(wrapper.find('[data-test=home-offsite-reminder]').exists()).toBe(false)
    expect(wrapper.find('[data-test=home-damage]').exists()).toBe(false)
    wrapper.unmount()

    vi.mocked(offsiteStatus).mockResolvedValue({ ...offsite, reminder: '已经 14 天没有备份到本机以外的位置（上次：2026-11-20）。' })
    vi.mocked(ledgerInfo).mockResolvedValue({
      ...info,
      lastFullCheck: { checkedAt: '2026-12-01 09:00', ok: false, problem: 'Tree 5 page 12: btreeInitPage() returns error code 11' },
    })
    const again = mountView(Home).wrapper
    await flushPromises()
    expect(again.find('[data-test=home-offsite-reminder]').text()).toContain('已经 14 天没有备份到本机以外的位置')
    expect(again.find('[data-test=home-damage]').text()).toContain('完整检查发现台账文件有损坏')
  })

  it('says the ledger was moved to the local disk, and offers to move one off a network drive', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    vi.mocked(ledgerLocation).mockResolvedValue({
      ...place,
      notice: '台账和备份已从漫游文件夹搬到本机磁盘：C:\\Users\\clerk\\AppData\\Local\\cn.shegong.taizhang（共 5 个文件，逐一核对无误）。',
    })
    const moved = mountView(Home).wrapper
    await flushPromises()
    const told = moved.find('[data-test=home-ledger-location]')
    expect(told.text()).toContain('已从漫游文件夹搬到本机磁盘')
    expect(told.find('[data-test=move-ledger]').exists()).toBe(false)
    moved.unmount()

    // Set by SHEGONG_DB: only whoever set it can change it, so no button.
    vi.mocked(ledgerLocation).mockResolvedValue({
      ...place,
      dbPath: '\\\\server\\share\\ledger.db',
      onNetwork: true,
      setByEnv: true,
      notice: '台账在网络盘上（\\\\server\\share\\ledger.db）。……请信息员把它改成本机磁盘上的路径。',
    })
    const byEnv = mountView(Home).wrapper
    await flushPromises()
    expect(byEnv.find('[data-test=home-ledger-location]').text()).toContain('台账在网络盘上')
    expect(byEnv.find('[data-test=move-ledger]').exists()).toBe(false)
    byEnv.unmount()

    vi.mocked(ledgerLocation).mockResolvedValue({
      ...place,
      dbPath: 'Z:\\台账\\ledger.db',
      onNetwork: true,
      notice: '台账在网络盘上（Z:\\台账\\ledger.db）。台账文件放在网络共享上不安全。',
    })
    vi.mocked(chooseLedgerDir).mockResolvedValue('D:\\社工台账')
    vi.mocked(moveLedger).mockResolvedValue({
      dbPath: 'D:\\社工台账\\ledger.db',
      files: 4,
      oldLedger: '原来的台账文件改名为 Z:\\台账\\ledger.已搬走-20261205-093000.db，没有删除。',
    })
    vi.mocked(restartApp).mockResolvedValue(undefined)
    const onShare = mountView(Home).wrapper
    await flushPromises()
    await onShare.find('[data-test=move-ledger]').trigger('click')
    await settle()
    expect(body().find('.el-message-box').text()).toContain('把台账和全部备份搬到 D:\\社工台账')
    await answerBox('开始搬')
    expect(moveLedger).toHaveBeenCalledWith('D:\\社工台账')
    expect(body().findAll('.el-message-box').pop()?.text()).toContain('4 个文件，逐一核对无误')
    await answerBox('确定')
    expect(restartApp).toHaveBeenCalled()
  })

  it('lists the reminders as of today, each opening the list it counts', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    vi.mocked(getReminders).mockResolvedValue({
      asOf: '2026-12-05',
      items: [
        reminder('contractsDue', '合同即将到期', 3, { urgent: true, detail: '劳动合同到期、尚未续签：7 天内 1 人，30 天内 2 人，60 天内 3 人' }),
        reminder('trainingOverdue', '培训已逾期', 12345, { urgent: true }),
        reminder('assessmentsMissing', '上年度考核未录入', 0, { year: 2025 }),
        reminder('promotionPending', '晋级测算未做', 4, { date: '2026-01-01' }),
        reminder('retiringSoon', '即将退休', 2),
        reminder('communitiesShort', '社区缺员', 1, { unit: '个社区' }),
      ],
    })
    const { wrapper, router } = mountView(Home)
    await flushPromises()
    expect(getReminders).toHaveBeenCalledWith(null)
    const card = wrapper.find('[data-test=home-reminders]')
    expect(card.text()).toContain('截至 2026-12-05')
    const item = (kind: string) => wrapper.find(`[data-test=reminder-${kind}]`)
    expect(item('contractsDue').text()).toContain('合同即将到期')
    expect(item('contractsDue').text()).toContain('3人')
    expect(item('contractsDue').text()).toContain('7 天内 1 人')
    expect(item('contractsDue').classes()).toContain('urgent')
    expect(item('trainingOverdue').find('.reminder-count').text()).toBe('12,345人')
    // A zero is shown as done, not alarming.
    expect(item('assessmentsMissing').classes()).toContain('done')
    expect(item('communitiesShort').text()).toContain('1个社区')
    // Absent kinds are not drawn as zeros.
    expect(item('notCheckedUp').exists()).toBe(false)

    const opens = async (kind: string) => {
      await item(kind).trigger('click')
      await flushPromises()
      return router.currentRoute.value.fullPath
    }
    expect(decodeURI(await opens('contractsDue'))).toBe('/workers?contract=合同到期')
    expect(decodeURI(await opens('trainingOverdue'))).toBe('/training?tab=cadence&status=已逾期')
    expect(await opens('assessmentsMissing')).toBe('/grades?tab=assessments&year=2025')
    expect(await opens('promotionPending')).toBe('/grades?tab=run&asOf=2026-01-01')
    expect(await opens('retiringSoon')).toBe('/workers?retiring=1')
    expect(await opens('communitiesShort')).toBe('/communities')
  })

  it('says what to enter when the ledger has nothing to remind of', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    const { wrapper } = mountView(Home)
    await flushPromises()
    expect(wrapper.find('[data-test=home-reminders]').text()).toContain('录入劳动合同、培训、体检、考核和社区人口后')
  })

  it('draws the team in charts whose bars open the roster with those people', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    vi.mocked(teamProfile).mockResolvedValue({
      asOf: '2026-12-05',
      inPost: 41,
      charts: [
        { title: '年龄段', filter: 'ageBand', bars: [{ label: '35岁及以下', value: '35岁及以下', count: 20 }, { label: '36-45岁', value: '36-45岁', count: 21 }] },
        { title: '岗位等级', filter: 'grade', bars: [{ label: '社区专职工作人员 3 级', value: '社区专职工作人员 3 级', count: 41 }] },
      ],
    })
    const { wrapper, router } = mountView(Home)
    await flushPromises()
    const charts = wrapper.find('[data-test=home-team-charts]')
    expect(charts.text()).toContain('在岗 41 人')
    const age = wrapper.find('[data-test=team-chart-ageBand]')
    expect(age.text()).toContain('年龄段')
    expect(age.findAll('.bar').map((b) => b.text())).toEqual(['35岁及以下:20', '36-45岁:21'])
    await age.findAll('.bar')[1].trigger('click')
    await flushPromises()
    expect(decodeURI(router.currentRoute.value.fullPath)).toBe('/workers?inPost=1&ageBand=36-45岁')

    await wrapper.find('[data-test=team-chart-grade] .bar').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ inPost: '1', grade: '社区专职工作人员 3 级' })

    // 应配 against 实有, a community per bar: the fixture's first is 东风社区 (18 / 20).
    const staffing = wrapper.find('[data-test=team-chart-staffing]')
    expect(staffing.findAll('.bar')[0].text()).toBe('东风社区:18/20')
    await staffing.findAll('.bar')[0].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ inPost: '1', community: String(stats.staffing.communities[0].communityId) })
  })

  it('has no charts while nobody is in post', async () => {
    vi.mocked(getStats).mockResolvedValue(stats)
    const { wrapper } = mountView(Home)
    await flushPromises()
    expect(wrapper.find('[data-test=home-team-charts]').exists()).toBe(false)
  })
})
