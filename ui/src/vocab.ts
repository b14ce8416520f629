// The closed lists the pages branch on (statuses, forms, results), as typed values. Takes the
// union types ts-rs generates from core's enums (src-tauri/core/src/vocab/labels.rs, the one
// definition) and gives, for each, a const object of its labels by the Rust variant's name
// plus the sub-lists rules use. `labelsOf` rejects a misspelt label and an object that misses
// one, so a label renamed or added in core is a type error here, never a silent mismatch.
// Import the type and the value under one name from here: `WorkerStatus.InPost`, `s: WorkerStatus`.
import type * as B from '@/bindings'

type Missing<T extends string, O> = Exclude<T, O[keyof O]>

/** An object naming every label of `T` exactly once by key (checked at compile time). */
const labelsOf =
  <T extends string>() =>
  <const O extends Record<string, T>>(names: O & ([Missing<T, O>] extends [never] ? unknown : { missing: Missing<T, O> })): O =>
    names

export type WorkerStatus = B.WorkerStatus
export const WorkerStatus = labelsOf<WorkerStatus>()({
  NotHired: '未入职',
  Probation: '试用期',
  InPost: '在岗',
  Exited: '已退出',
  Retired: '退休',
})

export type CadenceStatus = B.CadenceStatus
export const CadenceStatus = labelsOf<CadenceStatus>()({
  Overdue: '已逾期',
  DueSoon: '即将到期',
  Pending: '待培训',
  Done: '已完成',
})

export type DifficultyStatus = B.DifficultyStatus
export const DifficultyStatus = labelsOf<DifficultyStatus>()({
  Open: '待办理',
  InProgress: '办理中',
  /** The one status that closes a difficulty (needs 解决日期 and 办理结果). */
  Solved: '已解决',
})

export type VisitForm = B.VisitForm
export const VisitForm = labelsOf<VisitForm>()({
  Visit: '走访',
  /** The form that needs an amount per recipient. */
  Cash: '慰问金',
  Gift: '慰问品',
})

export type AssessmentResult = B.AssessmentResult
export const AssessmentResult = labelsOf<AssessmentResult>()({
  Excellent: '优秀',
  Pass: '合格',
  BasicPass: '基本合格',
  Fail: '不合格',
})

export type PoliticalStatus = B.PoliticalStatus
export const PoliticalStatus = labelsOf<PoliticalStatus>()({
  PartyMember: '中共党员',
  ProbationaryMember: '中共预备党员',
  YouthLeague: '共青团员',
  DemocraticParty: '民主党派成员',
  NonParty: '无党派人士',
  Masses: '群众',
})

export type Category = B.Category
export const Category = labelsOf<Category>()({
  FullTimeCommittee: '两委专职成员',
  Staff: '社区专职工作人员',
  PartTimeCommittee: '两委兼职成员',
  Seconded: '挂职干部',
})

export type Position = B.Position
export const Position = labelsOf<Position>()({
  Secretary: '书记',
  Director: '主任',
  SecretaryAndDirector: '书记兼主任',
  DeputySecretary: '副书记',
  DeputyDirector: '副主任',
  Member: '委员',
  /** The post of a 社区专职工作人员. */
  Staff: '专职工作人员',
})

/** In post (core's WorkerStatus::IN_POST): who the people pickers offer by default. */
export const IN_POST: readonly WorkerStatus[] = [WorkerStatus.Probation, WorkerStatus.InPost]

/** Who care reaches (core's WorkerStatus::CARE): people in post and retired workers. */
export const CARE_STATUSES: readonly WorkerStatus[] = [...IN_POST, WorkerStatus.Retired]

/** Statuses for which 入党时间 applies (core's PoliticalStatus::PARTY_MEMBER). */
export const PARTY_MEMBER_STATUSES: readonly PoliticalStatus[] = [PoliticalStatus.PartyMember, PoliticalStatus.ProbationaryMember]

/** Whether free text (a form field typed as string) is one of the labels; narrows it. */
export const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value)

/**
 * A select's value as its label type. Empty (the form's required rule normally stops that
 * first) is the validation error core gives for a value not in the list, on the same field.
 */
export function chosen<T extends string>(value: T | '', field: string, label: string, names: Record<string, T>): T {
  if (value !== '') return value
  const message = `请从列表中选择${label}（${Object.values(names).join('、')}）。`
  throw { kind: 'validation', field, message } satisfies B.ErrorDto
}

export type SecondmentKind = B.SecondmentKind
export const SecondmentKind = labelsOf<SecondmentKind>()({
  Borrowed: '借调',
  Drawn: '抽调',
})

/** 借入单位层级: the clerk chooses; core refuses 县级及以上机关单位 with 第17条's sentence. */
export type UnitLevel = B.UnitLevel
export const UnitLevel = labelsOf<UnitLevel>()({
  Street: '街道（乡镇）及所属单位',
  CountyOrAbove: '县级及以上机关单位',
})

export type ApprovalStatus = B.ApprovalStatus
export const ApprovalStatus = labelsOf<ApprovalStatus>()({
  Approved: '已批准',
  Unapproved: '未经批准',
})

export type SecondmentPhase = B.SecondmentPhase
export const SecondmentPhase = labelsOf<SecondmentPhase>()({
  NotStarted: '未开始',
  Away: '借调在外',
  Returned: '已归队',
})

/** 合同类型 (劳动合同): 劳务派遣 names its dispatch company. */
export type ContractKind = B.ContractKind
export const ContractKind = labelsOf<ContractKind>()({
  FixedTerm: '固定期限',
  OpenEnded: '无固定期限',
  Dispatch: '劳务派遣',
})

/** Why a clerk ends a contract; each records the person's exit with the same reason. */
export type ContractEndReason = B.ContractEndReason
export const ContractEndReason = labelsOf<ContractEndReason>()({
  ExpiredNotRenewed: '合同到期不续签',
  Resigned: '辞职',
  Dismissed: '解聘',
  Recalled: '罢免',
})

export type ContractPhase = B.ContractPhase
export const ContractPhase = labelsOf<ContractPhase>()({
  NotStarted: '未开始',
  InForce: '履行中',
  Expired: '已到期',
  Ended: '已终止',
})

/** 试用期考核结果: 延长试用期 is offered only so core can say why the law forbids it. */
export type ProbationOutcome = B.ProbationOutcome
export const ProbationOutcome = labelsOf<ProbationOutcome>()({
  Confirmed: '转正',
  NotHired: '不予录用',
  Extended: '延长试用期',
})

export type ContractFlagKind = B.ContractFlagKind
export const ContractFlagKind = labelsOf<ContractFlagKind>()({
  OpenEndedRight: '可要求无固定期限',
  PastRetirement: '超过法定退休年龄',
  EndingSoon: '即将到期',
  ExpiredNotRenewed: '合同到期未续',
  ProbationUnreviewed: '试用期未考核',
})

/** The roster's 合同 filter. */
export type ContractFilter = B.ContractFilter
export const ContractFilter = labelsOf<ContractFilter>()({
  EndingSoon: '合同到期',
  Probation: '试用期',
  ProbationEnding: '试用期将满',
  ExpiredNotRenewed: '合同到期未续',
})
