// Values shaped like the backend's answers, for the view tests.
import type { AuditEntry, Community, RosterRow, Staffing, StaffingRow, Stats, Vocabulary, WorkerInput } from '@/bindings'

export const vocabulary: Vocabulary = {
  ethnicGroups: ['汉族', '回族', '满族'],
  politicalStatuses: ['中共党员', '中共预备党员', '共青团员', '民主党派成员', '无党派人士', '群众'],
  partyMemberStatuses: ['中共党员', '中共预备党员'],
  educationLevels: ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专/中技', '高中', '初中及以下'],
  categories: ['两委专职成员', '社区专职工作人员', '两委兼职成员', '挂职干部'],
  countedCategories: ['两委专职成员', '社区专职工作人员'],
  positions: ['书记', '主任', '书记兼主任', '副书记', '副主任', '委员', '专职工作人员'],
  sources: ['高校毕业生', '退役军人', '社会工作专业人才', '原网格员转聘', '其他'],
  recruitmentMethods: ['公开招聘', '选举产生', '转聘', '选派'],
  exitReasons: ['辞职', '解聘', '罢免', '合同到期不续签', '试用期不予录用', '退休', '调出', '考录公务员', '聘用为事业单位人员', '死亡', '其他'],
  postChangeReasons: ['选举', '聘任', '调整', '交流'],
  certificateKinds: ['助理社会工作师', '社会工作师', '高级社会工作师', '其他职业技能等级'],
  statuses: ['未入职', '试用期', '在岗', '已退出', '退休'],
  ageBands: ['35岁及以下', '36-45岁', '46-55岁', '56岁及以上'],
  postsByCategory: [
    { category: '两委专职成员', positions: ['书记', '主任', '书记兼主任', '副书记', '副主任', '委员'] },
    { category: '两委兼职成员', positions: ['书记', '主任', '书记兼主任', '副书记', '副主任', '委员'] },
    { category: '社区专职工作人员', positions: ['专职工作人员'] },
    { category: '挂职干部', positions: ['书记', '主任', '书记兼主任', '副书记', '副主任', '委员', '专职工作人员'] },
  ],
}

export const communities: Community[] = [
  {
    id: 1,
    name: '东风社区',
    code: null,
    population: 10000,
    populationDate: '2024-01-01',
    households: 3500,
    remarks: null,
    workerCount: 2,
    initials: 'dfsq',
  },
  {
    id: 2,
    name: '西湖社区',
    code: '330106001',
    population: 8350,
    populationDate: null,
    households: null,
    remarks: null,
    workerCount: 0,
    initials: 'xhsq',
  },
]

export function staffingRow(
  communityId: number | null,
  name: string,
  population: number,
  two: number,
  staff: number,
): StaffingRow {
  const headcount = Math.ceil((population * 18) / 10000)
  const actual = two + staff
  return {
    communityId,
    name,
    population,
    standardExact: (population * 18) / 10000,
    standardHeadcount: headcount,
    twoCommittee: two,
    fullTimeStaff: staff,
    actual,
    gap: headcount - actual,
    per10k: population > 0 ? (actual * 10000) / population : null,
    secondedAway: 0,
    secondedUnapproved: 0,
  }
}

export const staffing: Staffing = {
  asOf: '2024-06-30',
  communities: [
    // Two of them away on secondment, one without the county's approval (第17条).
    { ...staffingRow(1, '东风社区', 10000, 5, 15), secondedAway: 2, secondedUnapproved: 1 },
    staffingRow(2, '西湖社区', 8350, 4, 5),
    staffingRow(3, '南湖社区', 5000, 3, 6),
  ],
  total: staffingRow(null, '全街道合计', 23350, 12, 26),
}

export const stats: Stats = {
  asOf: '2024-06-30',
  totalPeople: 33,
  communityWorkersInPost: 38,
  byCategory: [],
  byStatus: [
    { label: '未入职', count: 0 },
    { label: '试用期', count: 3 },
    { label: '在岗', count: 26 },
    { label: '已退出', count: 2 },
    { label: '退休', count: 1 },
  ],
  byCommunity: [],
  staffing,
}

export const auditEntry: AuditEntry = {
  id: 11,
  at: '2024-06-30 09:15:00',
  operator: '李文',
  channel: '界面',
  entity: '人员',
  action: '修改',
  summary: '张三',
  changes: [
    { field: '手机号', old: null, new: '13800138000' },
    { field: '职务', old: '委员', new: '副主任' },
  ],
}

export function rosterRow(id: number, name: string, over: Partial<RosterRow> = {}): RosterRow {
  return {
    id,
    name,
    gender: '男',
    birthDate: '1949-12-31',
    age: 74,
    idNumber: '11010519491231002X',
    phone: '13800138000',
    communityId: 1,
    communityName: '东风社区',
    category: '两委专职成员',
    position: '书记',
    postDetail: null,
    politicalStatus: '中共党员',
    education: '大学本科',
    hiredOn: '2020-03-01',
    status: '在岗',
    certificates: ['社会工作师', '助理社会工作师'],
    secondedAway: null,
    ...over,
  }
}

/** A valid person record as the form sends it. */
export const workerInput: WorkerInput = {
  name: '张三',
  idNumber: '11010519491231002X',
  ethnicity: '汉族',
  nativePlace: null,
  phone: null,
  politicalStatus: '群众',
  partyJoinedOn: null,
  education: '大学本科',
  fullTimeEducation: null,
  school: null,
  major: null,
  socialWorkMajor: false,
  communityId: 1,
  category: '社区专职工作人员',
  position: '专职工作人员',
  postDetail: null,
  source: null,
  recruitment: null,
  communityWorkStart: null,
  priorServiceMonths: 0,
  hiredOn: '2020-03-01',
  probationEnd: null,
  remarks: null,
}
