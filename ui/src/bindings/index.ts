// Generated from the Rust DTOs in src-tauri/core by `UPDATE_BINDINGS=1 cargo test -p shegong-core bindings`.
// Do not edit by hand.

export type ErrorKind = "notFound" | "validation" | "conflict" | "import" | "tooNew" | "damaged" | "busy" | "db" | "io";

export type ErrorDto = { kind: ErrorKind, message: string, field?: string, };

export type Vocabulary = { ethnicGroups: Array<string>, politicalStatuses: Array<PoliticalStatus>, partyMemberStatuses: Array<PoliticalStatus>, educationLevels: Array<string>, categories: Array<Category>, countedCategories: Array<Category>, positions: Array<Position>, sources: Array<string>, recruitmentMethods: Array<string>, exitReasons: Array<string>, 
/**
 * Why a post changes (任职变动): 选举, 聘任, 调整, 交流 (入职 is the first record's).
 */
postChangeReasons: Array<string>, certificateKinds: Array<string>, statuses: Array<WorkerStatus>, ageBands: Array<string>, 
/**
 * 人员类别 × 职务 (vocab::POSTS_BY_CATEGORY), for the form's instant check.
 */
postsByCategory: Array<CategoryPosts>, };

export type CategoryPosts = { category: Category, positions: Array<Position>, };

export type CareVocabulary = { trainingKinds: Array<string>, trainingTiers: Array<string>, trainingModes: Array<string>, trainingResults: Array<string>, cadenceStatuses: Array<CadenceStatus>, festivals: Array<string>, visitForms: Array<VisitForm>, difficultyCategories: Array<string>, difficultyStatuses: Array<DifficultyStatus>, };

export type WorkerStatus = "未入职" | "试用期" | "在岗" | "已退出" | "退休";

export type CadenceStatus = "已逾期" | "即将到期" | "待培训" | "已完成";

export type DifficultyStatus = "待办理" | "办理中" | "已解决";

export type VisitForm = "走访" | "慰问金" | "慰问品";

export type AssessmentResult = "优秀" | "合格" | "基本合格" | "不合格";

export type PoliticalStatus = "中共党员" | "中共预备党员" | "共青团员" | "民主党派成员" | "无党派人士" | "群众";

export type Category = "两委专职成员" | "社区专职工作人员" | "两委兼职成员" | "挂职干部";

export type Position = "书记" | "主任" | "书记兼主任" | "副书记" | "副主任" | "委员" | "专职工作人员";

export type SecondmentKind = "借调" | "抽调";

export type UnitLevel = "街道（乡镇）及所属单位" | "县级及以上机关单位";

export type ApprovalStatus = "已批准" | "未经批准";

export type SecondmentPhase = "未开始" | "借调在外" | "已归队";

export type ContractKind = "固定期限" | "无固定期限" | "劳务派遣";

export type ContractEndKind = "终止" | "解除";

export type ContractEndReason = "合同到期不续签" | "辞职" | "解聘" | "罢免";

export type ContractPhase = "未开始" | "履行中" | "已到期" | "已终止";

export type ProbationOutcome = "转正" | "不予录用" | "延长试用期";

export type ContractFlagKind = "可要求无固定期限" | "超过法定退休年龄" | "即将到期" | "合同到期未续" | "试用期未考核";

export type ContractFilter = "合同到期" | "试用期" | "试用期将满" | "合同到期未续";

export type Settings = { 
/**
 * 街道(乡镇)名称
 */
streetName: string, 
/**
 * 所属市/区县
 */
county: string, 
/**
 * 当前操作员: written into the audit trail of every change.
 */
operator: string, 
/**
 * 填报人 on reports
 */
preparer: string, 
/**
 * 联系电话 on reports
 */
phone: string, };

export type CommunityInput = { name: string, code: string | null, 
/**
 * 城镇常住人口
 */
population: number, 
/**
 * 人口统计日期 (YYYY-MM-DD)
 */
populationDate: string | null, 
/**
 * 户数
 */
households: number | null, remarks: string | null, };

export type Community = { id: number, name: string, code: string | null, population: number, populationDate: string | null, households: number | null, remarks: string | null, 
/**
 * Everyone recorded under this community, whatever their status.
 */
workerCount: number, 
/**
 * Pinyin initials of the name ("gmsq" for 光明社区): drop-downs find it by "gm".
 */
initials: string, };

export type StaffingRow = { 
/**
 * None on the street total row.
 */
communityId: number | null, name: string, population: number, 
/**
 * population × 18 / 10,000, exact.
 */
standardExact: number, 
/**
 * The exact figure rounded up to whole people.
 */
standardHeadcount: number, 
/**
 * 两委专职成员 in post.
 */
twoCommittee: number, 
/**
 * 社区专职工作人员 in post.
 */
fullTimeStaff: number, actual: number, 
/**
 * standard_headcount − actual: positive means short of the standard.
 */
gap: number, 
/**
 * Workers per 10,000 residents (None where the population is 0).
 */
per10k: number | null, 
/**
 * Of `actual`, 借调在外 on the date (still counted: they stay the community's workers).
 */
secondedAway: number, 
/**
 * Of `seconded_away`, 未经批准 on the date (第17条).
 */
secondedUnapproved: number, };

export type Staffing = { asOf: string, communities: Array<StaffingRow>, 
/**
 * The street: the standard is computed from the street's total population (so it can
 * be less than the sum of the communities' rounded-up figures).
 */
total: StaffingRow, };

export type ReminderKind = "contractsDue" | "probationEnding" | "trainingOverdue" | "trainingDueSoon" | "notCheckedUp" | "difficultiesOverdue" | "assessmentsMissing" | "promotionPending" | "retiringSoon" | "secondmentsOverdue" | "communitiesShort";

export type Reminder = { kind: ReminderKind, title: string, count: number, 
/**
 * 人 / 件 / 个社区.
 */
unit: string, 
/**
 * What the count is, in a sentence (windows, years, the rule's parameter).
 */
detail: string, 
/**
 * Overdue or past a legal date: shown in red.
 */
urgent: boolean, 
/**
 * For the window: the year the list is of (上年度考核, 本年体检), or the date the
 * promotion run should use.
 */
year: number | null, date: string | null, };

export type Reminders = { asOf: string, items: Array<Reminder>, };

export type TeamBar = { label: string, 
/**
 * What the roster's filter takes to list these people.
 */
value: string, count: number, };

export type TeamChart = { title: string, 
/**
 * The roster filter a bar sets: ageBand, education, category, certificate or grade.
 */
filter: string, bars: Array<TeamBar>, };

export type TeamProfile = { asOf: string, 
/**
 * People in post on the date, every category.
 */
inPost: number, charts: Array<TeamChart>, };

export type Count = { label: string, count: number, };

export type Stats = { asOf: string, 
/**
 * Everyone in the ledger, whatever their status.
 */
totalPeople: number, 
/**
 * 社区工作者 (两委专职成员 and 社区专职工作人员) in post.
 */
communityWorkersInPost: number, byCategory: Array<Count>, byStatus: Array<Count>, 
/**
 * People in post per community.
 */
byCommunity: Array<Count>, staffing: Staffing, };

export type FieldChange = { field: string, old: string | null, new: string | null, };

export type AuditEntry = { id: number, at: string, operator: string, 
/**
 * [`Channel::label`] of the change.
 */
channel: string, entity: string, action: string, summary: string, changes: Array<FieldChange>, };

export type WorkerInput = { name: string, idNumber: string, ethnicity: string, nativePlace: string | null, phone: string | null, politicalStatus: string, partyJoinedOn: string | null, education: string, fullTimeEducation: boolean | null, school: string | null, major: string | null, socialWorkMajor: boolean, communityId: number, category: string, position: string, postDetail: string | null, source: string | null, recruitment: string | null, 
/**
 * 参加社区工作时间
 */
communityWorkStart: string | null, 
/**
 * 省内此前社区工作年限, in months
 */
priorServiceMonths: number, 
/**
 * 中断社区工作的月数 since 参加社区工作时间 (None: never interrupted). Subtracted from
 * 社区工作年限, or, where the grade rules say interrupted service does not count, the
 * years before 重新参加社区工作时间 are dropped instead.
 */
interruptionMonths?: number, 
/**
 * 中断后重新参加社区工作时间 (the end of the latest interruption).
 */
serviceResumedOn?: string, 
/**
 * 入职时间
 */
hiredOn: string, 
/**
 * 试用期满日期 (the last day of probation)
 */
probationEnd: string | null, remarks: string | null, };

export type Worker = { id: number, communityName: string, 
/**
 * Derived from the ID number.
 */
gender: string, birthDate: string, age: number, status: WorkerStatus, 
/**
 * 社区工作年限 in whole months as of the date: from 参加社区工作时间 (or 入职时间) to the
 * date or the exit, plus the months accumulated elsewhere in the province, minus the
 * months of interruption — or, where the grade rules say 中断前年限不计, from
 * 重新参加社区工作时间 only (the same count as the grade reasoning).
 */
serviceMonths: number, name: string, idNumber: string, ethnicity: string, nativePlace: string | null, phone: string | null, politicalStatus: string, partyJoinedOn: string | null, education: string, fullTimeEducation: boolean | null, school: string | null, major: string | null, socialWorkMajor: boolean, communityId: number, category: string, position: string, postDetail: string | null, source: string | null, recruitment: string | null, 
/**
 * 参加社区工作时间
 */
communityWorkStart: string | null, 
/**
 * 省内此前社区工作年限, in months
 */
priorServiceMonths: number, 
/**
 * 中断社区工作的月数 since 参加社区工作时间 (None: never interrupted). Subtracted from
 * 社区工作年限, or, where the grade rules say interrupted service does not count, the
 * years before 重新参加社区工作时间 are dropped instead.
 */
interruptionMonths?: number, 
/**
 * 中断后重新参加社区工作时间 (the end of the latest interruption).
 */
serviceResumedOn?: string, 
/**
 * 入职时间
 */
hiredOn: string, 
/**
 * 试用期满日期 (the last day of probation)
 */
probationEnd: string | null, remarks: string | null, };

export type WorkerDetail = { worker: Worker, certificates: Array<Certificate>, exit: ExitInput | null, history: Array<AuditEntry>, 
/**
 * Why 删除(误录) is refused (core's message: an exit or other history keeps the record),
 * or null when the record may be deleted.
 */
deleteRefusal: string | null, };

export type CertificateInput = { kind: string, 
/**
 * The name of a skill level when kind is 其他职业技能等级.
 */
title: string | null, 
/**
 * 取得日期; `None` for a certificate held whose date is not known yet (brought in by an
 * import: rosters rarely carry it). The form always asks for it.
 */
obtainedOn: string | null, 
/**
 * 证书编号: text, never a number.
 */
certNo: string | null, remarks: string | null, };

export type Certificate = { id: number, workerId: number, kind: string, 
/**
 * The name of a skill level when kind is 其他职业技能等级.
 */
title: string | null, 
/**
 * 取得日期; `None` for a certificate held whose date is not known yet (brought in by an
 * import: rosters rarely carry it). The form always asks for it.
 */
obtainedOn: string | null, 
/**
 * 证书编号: text, never a number.
 */
certNo: string | null, remarks: string | null, };

export type ExitInput = { exitDate: string, reason: string, remarks: string | null, };

export type ExitRecorded = { exit: ExitInput, 
/**
 * E.g. "劳动合同（…）随退出于 2026-07-01 解除（辞职）。", or null when no contract was in force.
 */
contractNote: string | null, };

export type SortKey = "community" | "name" | "hiredOn" | "age";

export type PostChangeInput = { effectiveOn: string, communityId: number, category: string, position: string, postDetail: string | null, 
/**
 * 选举 / 聘任 / 调整 / 交流 (入职 belongs to the first record only).
 */
reason: string, 
/**
 * 任职文件文号
 */
docNo: string | null, remarks: string | null, };

export type Filing = { id: number, filedOn: string, filedWith: string, docNo: string | null, remarks: string | null, };

export type PostRecord = { id: number, 
/**
 * From this day.
 */
effectiveOn: string, 
/**
 * The last day (the day before the next record), or null while it is current.
 */
endedOn: string | null, communityId: number, communityName: string, category: string, position: string, postDetail: string | null, 
/**
 * 入职 for the first record; 选举 / 聘任 / 调整 / 交流 for a change.
 */
reason: string, docNo: string | null, remarks: string | null, 
/**
 * The first record: dated 入职时间, not deleted.
 */
isFirst: boolean, 
/**
 * This record begins a 书记 tenure, which is filed with the county (书记备案).
 */
startsSecretaryTenure: boolean, filing: Filing | null, };

export type EducationInput = { 
/**
 * 取得时间 (the day the degree was conferred).
 */
obtainedOn: string, education: string, fullTimeEducation: boolean | null, school: string | null, major: string | null, remarks: string | null, };

export type EducationRecord = { id: number, obtainedOn: string, education: string, fullTimeEducation: boolean | null, school: string | null, major: string | null, remarks: string | null, isFirst: boolean, };

export type History = { workerId: number, name: string, hiredOn: string, posts: Array<PostRecord>, education: Array<EducationRecord>, };

export type FilingInput = { filedOn: string, 
/**
 * 备案机关, e.g. 县委组织部.
 */
filedWith: string, docNo: string | null, remarks: string | null, };

export type Unfiled = { workerId: number, name: string, communityName: string, position: string, 
/**
 * The record that began the tenure (where the filing goes) and its date.
 */
postRecordId: number, since: string, 
/**
 * Days from `since` to the date asked about.
 */
days: number, };

export type ApprovalInput = { 
/**
 * 批准单位
 */
approvedBy: string, 
/**
 * 批准文号
 */
approvalNo: string, 
/**
 * 批准日期 (YYYY-MM-DD)
 */
approvedOn: string, };

export type SecondmentInput = { kind: SecondmentKind, 
/**
 * 借入单位
 */
unit: string, unitLevel: UnitLevel, 
/**
 * 借调事由
 */
reason: string, 
/**
 * 借调开始日期
 */
startOn: string, 
/**
 * 计划结束日期
 */
plannedEnd: string, 
/**
 * 归队日期 (blank: still away)
 */
returnedOn: string | null, 
/**
 * The clerk's explicit choice: 已批准 needs `approval`; 未经批准 must leave it out.
 */
approvalStatus: ApprovalStatus, approval: ApprovalInput | null, remarks: string | null, };

export type Secondment = { id: number, workerId: number, workerName: string, communityId: number, communityName: string, kind: SecondmentKind, unit: string, unitLevel: UnitLevel, reason: string, startOn: string, plannedEnd: string, returnedOn: string | null, approval: ApprovalInput | null, remarks: string | null, 
/**
 * The date the fields below are for.
 */
asOf: string, phase: SecondmentPhase, 
/**
 * 已批准 only when the approval is dated on or before `as_of`.
 */
approvalStatus: ApprovalStatus, 
/**
 * 逾期未归: away on `as_of` and the planned end is before it.
 */
overdue: boolean, 
/**
 * Approved after it started (补批): from the start to the day before the approval it
 * was 未经批准, and the history keeps showing that.
 */
approvedLate: boolean, };

export type AwayTag = { unapproved: boolean, overdue: boolean, };

export type RegisterCounts = { away: number, unapproved: number, overdue: number, };

export type Register = { asOf: string, 
/**
 * The first day of the period: secondments over before it are left out.
 */
since: string, counts: RegisterCounts, rows: Array<Secondment>, };

export type ContractInput = { kind: ContractKind | null, 
/**
 * 签订单位 (blank: the street's name from 设置)
 */
signingParty: string | null, 
/**
 * 派遣单位 (劳务派遣 only)
 */
dispatchCompany: string | null, 
/**
 * 合同开始日期
 */
startOn: string, 
/**
 * 合同结束日期 (its last day; blank for 无固定期限)
 */
endOn: string | null, 
/**
 * 试用期满日期 (the last day of probation; blank: none)
 */
probationEnd: string | null, remarks: string | null, };

export type ProbationReview = { id: number, contractId: number, reviewedOn: string, outcome: ProbationOutcome, remarks: string | null, };

export type ContractFlag = { kind: ContractFlagKind, message: string, };

export type Contract = { id: number, workerId: number, workerName: string, communityName: string, 
/**
 * The contract this one renews (续签), if any.
 */
previousId: number | null, 
/**
 * The contract that renews this one, if any.
 */
renewedBy: number | null, 
/**
 * 1 for the first contract of a renewal chain, 2 for its first renewal …
 */
sequence: number, kind: ContractKind, signingParty: string, dispatchCompany: string | null, startOn: string, endOn: string | null, probationEnd: string | null, 
/**
 * 终止/解除日期: the first day no longer in force (the exit's date).
 */
endedOn: string | null, 
/**
 * The exit reason it ended with.
 */
endReason: string | null, endKind: ContractEndKind | null, remarks: string | null, review: ProbationReview | null, 
/**
 * The date the fields below are for.
 */
asOf: string, phase: ContractPhase, 
/**
 * In probation on `as_of` (the probation's days, not yet 转正).
 */
inProbation: boolean, 
/**
 * Days from `as_of` to its last day, while in force with a fixed term.
 */
daysLeft: number | null, flags: Array<ContractFlag>, 
/**
 * Why 删除(误录) is refused, or null when it may be deleted.
 */
deleteRefusal: string | null, };

export type WorkerContracts = { asOf: string, 
/**
 * Oldest first.
 */
contracts: Array<Contract>, 
/**
 * 合同到期未续, with the sentence to show, or null.
 */
expiredNotRenewed: string | null, 
/**
 * Why no new contract can be registered now (exited, open-ended in force), or null.
 */
addRefusal: string | null, 
/**
 * The contract a new one would renew (the latest, not ended), or null (新签).
 */
renewalOf: number | null, 
/**
 * The start a new contract most likely has: the day after the latest one's last day.
 */
suggestedStart: string | null, 
/**
 * The 签订单位 a blank one becomes (the street's name in 设置).
 */
defaultSigningParty: string, };

export type ContractSaved = { contract: Contract, message: string, };

export type EndInput = { 
/**
 * 终止（解除）日期: the first day no longer in post (the exit's date).
 */
endedOn: string, reason: ContractEndReason | null, remarks: string | null, };

export type ReviewInput = { 
/**
 * 考核日期
 */
reviewedOn: string, outcome: ProbationOutcome | null, remarks: string | null, };

export type ContractRules = { reminderDays: Array<number>, };

export type DueRow = { 
/**
 * The reminder step its date (end, or probation end) falls in (e.g. 30: within 30 days),
 * the smallest that holds it; none once the date has passed or beyond the largest step.
 */
reminderStep: number | null, 
/**
 * Days from the list's date to that date (negative once it has passed).
 */
daysToDue: number | null, id: number, workerId: number, workerName: string, communityName: string, 
/**
 * The contract this one renews (续签), if any.
 */
previousId: number | null, 
/**
 * The contract that renews this one, if any.
 */
renewedBy: number | null, 
/**
 * 1 for the first contract of a renewal chain, 2 for its first renewal …
 */
sequence: number, kind: ContractKind, signingParty: string, dispatchCompany: string | null, startOn: string, endOn: string | null, probationEnd: string | null, 
/**
 * 终止/解除日期: the first day no longer in force (the exit's date).
 */
endedOn: string | null, 
/**
 * The exit reason it ended with.
 */
endReason: string | null, endKind: ContractEndKind | null, remarks: string | null, review: ProbationReview | null, 
/**
 * The date the fields below are for.
 */
asOf: string, phase: ContractPhase, 
/**
 * In probation on `as_of` (the probation's days, not yet 转正).
 */
inProbation: boolean, 
/**
 * Days from `as_of` to its last day, while in force with a fixed term.
 */
daysLeft: number | null, flags: Array<ContractFlag>, 
/**
 * Why 删除(误录) is refused, or null when it may be deleted.
 */
deleteRefusal: string | null, };

export type DueList = { asOf: string, withinDays: number, 
/**
 * The last day of the window.
 */
until: string, rows: Array<DueRow>, };

export type RosterQuery = { 
/**
 * Name substring, pinyin initials ("zs" for 张三), or part of an ID or phone number.
 */
search: string | null, communityId: number | null, category: string | null, position: string | null, politicalStatus: string | null, education: string | null, 
/**
 * A certificate kind the person holds, or "无" for none.
 */
certificate: string | null, status: WorkerStatus | null, ageBand: string | null, 
/**
 * Only people 借调在外 on the as-of date (`secondments::away_sql`).
 */
secondedAway: boolean, 
/**
 * 合同 filter: 合同到期 (within the largest reminder day), 试用期, 合同到期未续
 * (`contracts::filter_sql`).
 */
contract?: ContractFilter, 
/**
 * Only 书记 in post whose tenure is not filed with the county (书记备案,
 * `history::unfiled_secretaries`).
 */
unfiledSecretary?: boolean, 
/**
 * Only people in post who reach the legal retirement age within
 * [`super::RETIRING_WITHIN_MONTHS`] months (or have reached it), `retirement::retiring`.
 */
retiring?: boolean, 
/**
 * Only people in post (在岗 or 试用期) on the date: the home page's team charts.
 */
inPost?: boolean, 
/**
 * Only people whose 岗位等级 on the date reads so ("社区专职工作人员 3 级", or
 * [`NO_GRADE`]), as the team chart labels it ([`GRADE_LABEL_SQL`]).
 */
grade?: string, 
/**
 * The date statuses and ages are computed for (default today).
 */
asOf: string | null, sort: SortKey, descending: boolean, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type RosterRow = { id: number, name: string, gender: string, birthDate: string, age: number, idNumber: string, phone: string | null, communityId: number, communityName: string, category: string, position: string, postDetail: string | null, politicalStatus: string, education: string, hiredOn: string, status: WorkerStatus, 
/**
 * The certificate kinds held, highest first.
 */
certificates: Array<string>, 
/**
 * Set when the person is 借调在外 on the query's date, with its 未经批准 / 逾期未归 flags.
 */
secondedAway: AwayTag | null, };

export type RosterPage = { total: number, page: number, pageSize: number, rows: Array<RosterRow>, };

export type IdInfo = { idNumber: string, birthDate: string, gender: string, };

export type ReportOptions = { 
/**
 * 统计截止日期 (YYYY-MM-DD): statuses, ages and headcounts are as of this date.
 */
asOf: string, 
/**
 * 报表期间 (YYYY-MM-DD), both or neither; by default from 1 January of the as-of
 * date's year to the as-of date. The period may not end after the as-of date.
 */
periodFrom: string | null, 
/**
 * The last day of the 报表期间 (see `period_from`).
 */
periodTo: string | null, 
/**
 * Sheet names to include (order does not matter); empty means every sheet.
 */
sheets: Array<string>, 
/**
 * Full ID numbers; by default they are masked (110105********002X).
 */
fullIdNumbers: boolean, 
/**
 * Also list on the roster the people who exited within the period (状态 已退出/退休).
 */
includeExited: boolean, };

export type ReportSheet = { name: string, description: string, };

export type ExportResult = { path: string, 
/**
 * The sheet names, in the workbook's order.
 */
sheets: Array<string>, 
/**
 * People on the roster sheet (0 when it was not exported).
 */
rosterRows: number, idNumbersMasked: boolean, };

export type PrintResult = { export: ExportResult, opened: boolean, 
/**
 * Why it could not be opened, in words for the clerk.
 */
openError: string | null, };

export type RowKind = "people" | "communities";

export type FillSource = { key: string, label: string, };

export type FormColumn = { 
/**
 * 0-based.
 */
index: number, 
/**
 * A, B, … as Excel shows it.
 */
letter: string, header: string, 
/**
 * The source key, None when the column stays empty.
 */
source: string | null, sourceLabel: string | null, 
/**
 * The county put formulas in this column: it is kept as it is.
 */
formula: boolean, };

export type FormInspection = { fileName: string, sheets: Array<string>, sheet: string, kind: RowKind, 
/**
 * 1-based row of the header (its first row when it has two).
 */
headerRow: number, headerRows: number, 
/**
 * 1-based row where the data begins.
 */
firstDataRow: number, columns: Array<FormColumn>, 
/**
 * Every source of the form's kind, for the drop-downs.
 */
sources: Array<FillSource>, 
/**
 * 1-based row of the footer (合计, 填表人 …) under the data area, if any.
 */
footerRow: number | null, 
/**
 * Blank rows the form has before its footer (None without a footer).
 */
spaceRows: number | null, 
/**
 * Rows the county already listed (names or communities): they are filled by matching.
 */
listedRows: number, 
/**
 * The copy is the county's own file with values put in (xlsx); an xls becomes a new
 * xlsx with the form's header and the values, without its fonts and borders.
 */
keepsFormatting: boolean, 
/**
 * The mapping was remembered from an earlier fill of this form.
 */
remembered: boolean, notes: Array<string>, };

export type FillOptions = { 
/**
 * The sheet to fill; by default the first one with a header the program knows.
 */
sheet?: string, 
/**
 * 统计截止日期 (YYYY-MM-DD); today when empty.
 */
asOf: string, 
/**
 * One row per person or per community; by default as found.
 */
kind?: RowKind, 
/**
 * A source key (or None) per column, in column order; by default as proposed.
 */
columns?: Array<string | null>, 
/**
 * Only these communities (names); all when empty.
 */
communities: Array<string>, 
/**
 * The people of a roster query (the roster page's filters) instead of everyone in post.
 */
roster?: RosterQuery, 
/**
 * Full ID numbers (by default masked, as in the county workbook).
 */
fullIdNumbers: boolean, };

export type FillPreview = { inspection: FormInspection, asOf: string, 
/**
 * Each shown row's cells, one per form column ("" for a column left as it is).
 */
rows: Array<Array<string>>, 
/**
 * Rows that will be filled.
 */
totalRows: number, notes: Array<string>, };

export type FilledColumn = { letter: string, header: string, 
/**
 * None: left as it is.
 */
source: string | null, sourceLabel: string | null, };

export type FillResult = { path: string, sheet: string, kind: RowKind, asOf: string, 
/**
 * People or communities written.
 */
rows: number, columns: Array<FilledColumn>, 
/**
 * Rows put in above the form's footer because its blank rows ran out.
 */
insertedRows: number, idNumbersMasked: boolean, keepsFormatting: boolean, 
/**
 * Rows the county listed that the ledger has no match for ("第 7 行 张三").
 */
notInLedger: Array<string>, 
/**
 * People (or communities) chosen who are not among the rows the county listed.
 */
notInForm: number, notes: Array<string>, };

export type ExportProgress = { done: number, total: number, stage: string, };

export type ImportField = "name" | "idNumber" | "gender" | "birthDate" | "ethnicity" | "nativePlace" | "phone" | "politicalStatus" | "partyJoinedOn" | "education" | "fullTimeEducation" | "school" | "major" | "socialWorkMajor" | "community" | "category" | "position" | "postDetail" | "source" | "recruitment" | "communityWorkStart" | "priorServiceMonths" | "hiredOn" | "probationEnd" | "remarks" | "certificateKind" | "certificateObtainedOn" | "certificateNo" | "population";

export type FieldInfo = { field: ImportField, label: string, 
/**
 * Required for a person not yet in the ledger.
 */
required: boolean, 
/**
 * What the column may hold, in Chinese.
 */
hint: string, };

export type Inspection = { fileName: string, sheets: Array<SheetInfo>, fields: Array<FieldInfo>, 
/**
 * What the program could not check in this file (e.g. hidden rows of an .xls file).
 */
notes: Array<string>, };

export type SheetInfo = { name: string, 
/**
 * Hidden in Excel: not proposed for import.
 */
hidden: boolean, 
/**
 * The header row as Excel numbers it (1-based); None when no header was found.
 */
headerRow: number | null, 
/**
 * 1, or 2 for a header over two rows (e.g. 合同期限 over 起/止).
 */
headerRows: number, 
/**
 * Non-empty rows below the header.
 */
dataRows: number, columns: Array<ColumnInfo>, 
/**
 * A community for rows without one, from the sheet's name or title row: for the clerk to confirm.
 */
proposedCommunity: string | null, 
/**
 * Where the proposal came from: 标题行 or 工作表名称.
 */
communityFrom: string | null, hasCommunityColumn: boolean, 
/**
 * Proposed for import: visible, with a header row.
 */
selected: boolean, 
/**
 * The choice `preview` makes for this sheet when the clerk names no sheets (and the one
 * the window and the CLI start from): as detected, with the proposed community when the
 * sheet has no community column.
 */
defaultChoice: SheetChoice, 
/**
 * Why the sheet cannot be imported as it is, in Chinese.
 */
problem: string | null, };

export type ColumnInfo = { 
/**
 * 0-based column index (A = 0).
 */
index: number, 
/**
 * The column letter as Excel shows it (A, B, … AA).
 */
letter: string, 
/**
 * The header text; two header rows are shown as 上/下.
 */
header: string, 
/**
 * The proposed field; None = not imported.
 */
field: ImportField | null, 
/**
 * True when the proposal comes from a mapping remembered from an earlier import.
 */
remembered: boolean, 
/**
 * The first few values below the header, as text.
 */
samples: Array<string>, note: string | null, };

export type SheetChoice = { name: string, 
/**
 * The header row (1-based) when the clerk corrected it; None = as detected.
 */
headerRow?: number, 
/**
 * The columns and their fields; None = as proposed by `inspect`.
 */
mapping?: Array<ColumnMapping>, 
/**
 * The community of rows that have none (confirmed by the clerk); None = no such default.
 */
community?: string, };

export type ColumnMapping = { 
/**
 * 0-based column index.
 */
column: number, 
/**
 * None = not imported.
 */
field: ImportField | null, };

export type RowAction = "update" | "skip";

export type ImportOptions = { 
/**
 * The default for people already in the ledger; the clerk can change it per row.
 */
onExisting: RowAction, 
/**
 * Create communities the ledger does not have yet.
 */
createCommunities: boolean, 
/**
 * Import rows hidden in Excel too (by default they are skipped).
 */
includeHiddenRows: boolean, 
/**
 * How a community name in the file maps to the ledger, where the clerk decided.
 */
communities: Array<CommunityChoice>, 
/**
 * Values the clerk chose for cells that were ambiguous (研究生) or unknown.
 */
values: Array<ValueChoice>, 
/**
 * Values for fields the file lacks or leaves blank (e.g. 人员类别 for the whole file).
 */
defaults: Array<FieldDefault>, 
/**
 * 变动日期 (YYYY-MM-DD): from when a changed 社区, 人员类别, 职务 or 学历 of a person
 * already in the ledger holds (a dated record in 任职经历); by default today. The
 * roster's own date (its 截止日期) is the usual choice.
 */
changesOn?: string, };

export type CommunityChoice = { 
/**
 * The name as written in the file.
 */
raw: string, 
/**
 * An existing community.
 */
communityId?: number, 
/**
 * Or a community to create with this name.
 */
createName?: string, };

export type ValueChoice = { field: ImportField, 
/**
 * The cell text as in the file.
 */
raw: string, 
/**
 * The label to import instead (one of the field's list).
 */
value: string, 
/**
 * Only for this sheet and row; None = every cell of the field with this text.
 */
sheet?: string, row?: number, };

export type FieldDefault = { field: ImportField, value: string, };

export type RowStatus = "new" | "changed" | "unchanged" | "rejected";

export type RowIssue = { 
/**
 * The column's header as in the file (or the field's name when no column holds it).
 */
column: string, 
/**
 * 0-based column index, when a column holds it.
 */
columnIndex?: number, field?: ImportField, 
/**
 * What is wrong and how to fix it, in Chinese.
 */
message: string, };

export type PendingChoice = { field: ImportField, column: string, raw: string, options: Array<string>, };

export type PlanRow = { sheet: string, 
/**
 * The row number as Excel shows it (1-based).
 */
row: number, status: RowStatus, name: string, 
/**
 * Normalised when valid, else as written.
 */
idNumber: string, 
/**
 * The person already in the ledger with this ID number.
 */
workerId: number | null, 
/**
 * The ledger community the row goes to (perhaps one to be created).
 */
community: string | null, 
/**
 * The community is created by the import.
 */
createsCommunity: boolean, 
/**
 * For changed rows: update (default from the options) or skip.
 */
action: RowAction, 
/**
 * The checked record to write (new and changed rows).
 */
record: WorkerInput | null, 
/**
 * The record in the ledger at preview time (changed rows): commit refuses if it moved.
 */
before: WorkerInput | null, 
/**
 * A certificate to add (the person does not hold this kind yet).
 */
certificate: CertificateInput | null, 
/**
 * Changed rows: each field old -> new.
 */
changes: Array<FieldChange>, errors: Array<RowIssue>, warnings: Array<RowIssue>, choices: Array<PendingChoice>, 
/**
 * The row's cells as text (rejected rows only), for the error report.
 */
cells: Array<string>, };

export type SkippedRow = { sheet: string, row: number, reason: string, };

export type CommunityMatch = "exact" | "similar" | "chosen" | "create" | "unknown" | "ambiguous";

export type CommunityPlan = { raw: string, 
/**
 * The name a community created for it gets (和平社区居委会 -> 和平社区).
 */
suggestedName: string, matched: CommunityMatch, 
/**
 * The ledger community (or the one to create).
 */
community: string | null, communityId: number | null, candidates: Array<string>, 
/**
 * Rows that name it.
 */
rows: number, 
/**
 * Its 城镇常住人口 from the file's column of that name (the first row that gives one), for
 * a community the import creates.
 */
population?: number, };

export type SheetPlan = { name: string, headerRow: number, headerRows: number, 
/**
 * Each column's header text (index = column), for the error report.
 */
headers: Array<string>, 
/**
 * Each column's letter as Excel shows it (index = column).
 */
letters: Array<string>, mapping: Array<ColumnMapping>, community: string | null, };

export type PlanCounts = { new: number, changed: number, unchanged: number, rejected: number, 
/**
 * Non-data rows left out (totals, hidden, repeated headers); empty rows are not counted.
 */
skipped: number, 
/**
 * Rows with at least one warning.
 */
warned: number, };

export type ImportPlan = { fileName: string, sheets: Array<SheetPlan>, counts: PlanCounts, rows: Array<PlanRow>, skipped: Array<SkippedRow>, communities: Array<CommunityPlan>, notes: Array<string>, 
/**
 * Header text -> field, remembered for the next file when the import is committed.
 */
mappingToRemember: Array<RememberedColumn>, 
/**
 * The 变动日期 the changed posts and 学历 are dated with (see `ImportOptions`).
 */
changesOn: string, };

export type RememberedColumn = { header: string, field: ImportField | null, };

export type CommitChoices = { 
/**
 * Write the other rows although some were rejected (rejected rows are never written).
 */
skipRejected: boolean, 
/**
 * Per-row update/skip for people already in the ledger (overrides the plan's default).
 */
rows: Array<RowChoice>, };

export type RowChoice = { sheet: string, row: number, action: RowAction, };

export type ImportSummary = { created: number, updated: number, unchanged: number, 
/**
 * People in the ledger the clerk chose not to update.
 */
skipped: number, rejected: number, certificatesAdded: number, communitiesCreated: Array<string>, 
/**
 * Communities of the ledger whose 城镇常住人口 is still 0 after the import (created by it,
 * or never filled): 配备情况 cannot say what they should have until it is entered.
 */
communitiesWithoutPopulation: Array<string>, 
/**
 * The copy of the ledger made just before the import.
 */
backup: string | null, };

export type LedgerInfo = { dbPath: string, backupsDir: string, schemaVersion: number, 
/**
 * The newest backup file's name, if any.
 */
latestBackup: string | null, 
/**
 * The last weekly full check (完整检查), if one was run.
 */
lastFullCheck: IntegrityCheck | null, };

export type LedgerLocation = { dbPath: string, 
/**
 * On a network drive or share (Windows: a UNC path or a mapped network drive).
 */
onNetwork: boolean, 
/**
 * Set by `SHEGONG_DB`: only whoever set it can change it.
 */
setByEnv: boolean, 
/**
 * What the clerk is told about the location, if anything (a move just made, a network drive).
 */
notice: string | null, 
/**
 * A local folder to suggest for a move.
 */
suggestedDir: string | null, };

export type Moved = { 
/**
 * The new ledger file.
 */
dbPath: string, 
/**
 * How many files were copied and checked: the ledger and its backups.
 */
files: number, 
/**
 * What became of the old ledger, in Chinese.
 */
oldLedger: string, };

export type IntegrityCheck = { 
/**
 * Local time, YYYY-MM-DD HH:MM.
 */
checkedAt: string, ok: boolean, 
/**
 * What SQLite reported (the first few findings), when not ok.
 */
problem: string | null, };

export type OffsiteStatus = { 
/**
 * The location the clerk chose, if any.
 */
dir: string | null, 
/**
 * Where the copies go: `<dir>/社工台账备份`.
 */
folder: string | null, 
/**
 * Whether the location can be reached now (the stick is in, the share is up).
 */
present: boolean, remindDays: number, encrypted: boolean, 
/**
 * The last copy written there (local time, YYYY-MM-DD HH:MM) and its file name.
 */
lastCopyAt: string | null, lastCopyFile: string | null, 
/**
 * What the home page says when a copy off the disk is overdue (or none is set up).
 */
reminder: string | null, };

export type OffsiteInput = { 
/**
 * The location; empty turns 异地备份 off.
 */
dir: string, remindDays: number, encrypted: boolean, 
/**
 * A new password; `None` keeps the one set before.
 */
password?: string, };

export type ExternalBackup = { fileName: string, folder: string, 
/**
 * An encrypted copy (异地备份 with a password) needs its password.
 */
encrypted: boolean, };

export type BackupFile = { fileName: string, 
/**
 * 每日备份, 手动备份, 导入前备份, 迁移前备份, 恢复前备份, 打不开的台账 (set aside by
 * [`recover_ledger`]), 外部备份 (brought in by [`bring_in_backup`]) or 其他.
 */
kind: string, 
/**
 * When the file was written (local time, YYYY-MM-DD HH:MM).
 */
savedAt: string, sizeBytes: number, 
/**
 * What is in it, so the clerk can tell the copies apart; `None` when it cannot be read.
 */
communities: number | null, workers: number | null, 
/**
 * Why it cannot be restored, if it cannot (not a ledger, damaged, from a newer version).
 */
problem: string | null, 
/**
 * When the copy was last read back whole (YYYY-MM-DD HH:MM), if it was since it was
 * written; `None` for a copy never verified (made by an older version, or copied in).
 */
checkedAt: string | null, 
/**
 * What that check found: `Some(false)` means the copy failed it (see `problem`).
 */
checkPassed: boolean | null, };

export type RestoreResult = { 
/**
 * The file the ledger was restored from.
 */
restoredFrom: string, 
/**
 * The copy of the ledger as it was just before, in the backups folder.
 */
safetyCopy: string, communities: number, workers: number, };

export type ClassInput = { name: string, 
/**
 * 培训类型 (vocab::TRAINING_KINDS)
 */
kind: string, 
/**
 * 培训层级 (vocab::TRAINING_TIERS)
 */
tier: string, 
/**
 * 主办单位
 */
organizer: string | null, startDate: string, endDate: string, 
/**
 * 学时: hours, at most one decimal (stored as tenths of an hour).
 */
hours: number, 
/**
 * 线下 / 线上
 */
mode: string, place: string | null, remarks: string | null, };

export type TrainingClass = { id: number, 
/**
 * Attendees listed (any result).
 */
attendees: number, 
/**
 * Attendees with 结业.
 */
completed: number, name: string, 
/**
 * 培训类型 (vocab::TRAINING_KINDS)
 */
kind: string, 
/**
 * 培训层级 (vocab::TRAINING_TIERS)
 */
tier: string, 
/**
 * 主办单位
 */
organizer: string | null, startDate: string, endDate: string, 
/**
 * 学时: hours, at most one decimal (stored as tenths of an hour).
 */
hours: number, 
/**
 * 线下 / 线上
 */
mode: string, place: string | null, remarks: string | null, };

export type AttendeeInput = { workerId: number, hours: number | null, 
/**
 * 结业 / 未结业 / 缺席
 */
result: string, remarks: string | null, };

export type Attendance = { id: number, classId: number, workerId: number, workerName: string, communityName: string, hours: number, result: string, remarks: string | null, };

export type ClassDetail = { class: TrainingClass, attendees: Array<Attendance>, };

export type ExternalInput = { name: string, kind: string, tier: string, organizer: string | null, startDate: string, endDate: string, 
/**
 * 学时, at most one decimal.
 */
hours: number, mode: string, remarks: string | null, };

export type ExternalTraining = { id: number, workerId: number, name: string, kind: string, tier: string, organizer: string | null, startDate: string, endDate: string, 
/**
 * 学时, at most one decimal.
 */
hours: number, mode: string, remarks: string | null, };

export type TrainingEntry = { 
/**
 * The class, for a street class; None for a training taken elsewhere.
 */
classId: number | null, 
/**
 * The attendance or external record id.
 */
recordId: number, name: string, kind: string, tier: string, organizer: string | null, startDate: string, endDate: string, hours: number, result: string, };

export type CadenceRules = { 
/**
 * Positions held to the yearly rule.
 */
leaderPositions: Array<string>, 
/**
 * The lowest tier that counts (it and every higher tier).
 */
minTier: string, 
/**
 * Everyone else: at least one counted class within this many months.
 */
othersEveryMonths: number, 
/**
 * A new hire's 初任培训 within this many months of 入职时间.
 */
inductionWithinMonths: number, 
/**
 * The 初任培训 rule applies to people hired on or after this date (YYYY-MM-DD), so the
 * staff of earlier years are not all flagged.
 */
inductionHiredFrom: string, 
/**
 * 即将到期 when the due date is at most this many days away.
 */
warningDays: number, };

export type CadenceRow = { workerId: number, name: string, communityId: number, communityName: string, category: string, position: string, hiredOn: string, 
/**
 * 每年至少1次 / 每36个月至少1次
 */
rule: string, 
/**
 * The requirement that decides `status` and `due_date`: `rule`, or
 * 初任培训（入职12个月内） when the new hire's induction is the more pressing.
 */
decidedBy: string, 
/**
 * The overall status (the worse of the rule and the 初任培训 rule): 已逾期 / 即将到期 /
 * 待培训 / 已完成.
 */
status: CadenceStatus, 
/**
 * When the requirement that decides the status falls (or fell) due.
 */
dueDate: string, 
/**
 * The status under the main rule alone.
 */
ruleStatus: CadenceStatus, ruleDueDate: string, 
/**
 * The class (or training elsewhere) that last satisfied the main rule, and its end date.
 */
lastTraining: string | null, lastTrainingDate: string | null, 
/**
 * The 初任培训 rule, for people it applies to.
 */
inductionStatus: CadenceStatus | null, inductionDueDate: string | null, };

export type TrainingBucket = { label: string, classes: number, attendances: number, personHours: number, };

export type Coverage = { total: number, covered: number, 
/**
 * Percent with one decimal; 100 when nobody is required.
 */
percent: number, };

export type TrainingStats = { year: number, 
/**
 * The statistics date: 31 December of the year, or today if earlier.
 */
asOf: string, classes: number, attendances: number, personHours: number, byKind: Array<TrainingBucket>, byTier: Array<TrainingBucket>, 
/**
 * 书记/主任 trained in the year (target 100%).
 */
leaders: Coverage, 
/**
 * Everyone else trained within the rotation period before the statistics date.
 */
others: Coverage, overdue: Array<CadenceRow>, };

export type PersonRef = { workerId: number, name: string, communityName: string, category: string, 
/**
 * 在岗 / 试用期 / 退休 … as of the list's date.
 */
status: WorkerStatus, };

export type CheckupAttendeeInput = { workerId: number, 
/**
 * Whether the person was actually checked.
 */
attended: boolean, 
/**
 * 需关注: set only by the clerk, never a diagnosis.
 */
needsAttention: boolean, 
/**
 * A short note (at most 50 characters), only with 需关注.
 */
note: string | null, };

export type CheckupRoundInput = { checkupDate: string, 
/**
 * 体检机构
 */
institution: string, remarks: string | null, attendees: Array<CheckupAttendeeInput>, };

export type CheckupRound = { id: number, checkupDate: string, institution: string, remarks: string | null, listed: number, attended: number, };

export type CheckupAttendee = { id: number, roundId: number, workerId: number, workerName: string, communityName: string, attended: boolean, needsAttention: boolean, note: string | null, };

export type CheckupDetail = { round: CheckupRound, attendees: Array<CheckupAttendee>, };

export type WorkerCheckup = { roundId: number, checkupDate: string, institution: string, attended: boolean, needsAttention: boolean, note: string | null, };

export type VisitBatchInput = { 
/**
 * 春节 / 元宵节 / … / 其他
 */
festival: string, year: number, visitDate: string, form: VisitForm, 
/**
 * Per recipient, in yuan as text (at most two decimals); required for 慰问金.
 */
amount: string | null, visitedBy: string | null, remarks: string | null, workerIds: Array<number>, };

export type VisitInput = { visitDate: string, form: VisitForm, 
/**
 * In yuan as text (at most two decimals); required for 慰问金.
 */
amount: string | null, visitedBy: string | null, remarks: string | null, };

export type Visit = { id: number, festival: string, year: number, visitDate: string, workerId: number, workerName: string, communityName: string, form: VisitForm, 
/**
 * Stored amount in fen.
 */
amountFen: number | null, 
/**
 * The same in yuan with two decimals, for display.
 */
amount: string | null, visitedBy: string | null, remarks: string | null, };

export type ActivityInput = { name: string, activityDate: string, place: string | null, remarks: string | null, workerIds: Array<number>, };

export type CareActivity = { id: number, name: string, activityDate: string, place: string | null, remarks: string | null, participants: number, };

export type DifficultyInput = { workerId: number, reportedOn: string, 
/**
 * 生活 / 工作 / 健康 / 家庭 / 其他
 */
category: string, description: string, status: DifficultyStatus, resolution: string | null, 
/**
 * Required with 已解决, empty otherwise.
 */
resolvedOn: string | null, };

export type Difficulty = { id: number, workerName: string, communityName: string, 
/**
 * Days from 反映日期 to the as-of date (or to 解决日期 once solved).
 */
daysOpen: number, 
/**
 * Still open after more than 30 days.
 */
flagged: boolean, workerId: number, reportedOn: string, 
/**
 * 生活 / 工作 / 健康 / 家庭 / 其他
 */
category: string, description: string, status: DifficultyStatus, resolution: string | null, 
/**
 * Required with 已解决, empty otherwise.
 */
resolvedOn: string | null, };

export type FestivalVisits = { festival: string, 
/**
 * Distinct people visited.
 */
people: number, visits: number, amountFen: number, 
/**
 * The same in yuan with two decimals.
 */
amount: string, };

export type CareSummary = { year: number, 
/**
 * 31 December of the year, or today if earlier.
 */
asOf: string, 
/**
 * Community workers in post on the date (the check-up base).
 */
checkupTotal: number, checked: number, 
/**
 * Percent with one decimal.
 */
checkupPercent: number, 
/**
 * People flagged 需关注 in the year's check-ups.
 */
needsAttention: number, notChecked: Array<PersonRef>, 
/**
 * Every festival in list order, zeros included.
 */
visits: Array<FestivalVisits>, 
/**
 * Distinct people visited in the year, any festival.
 */
visitedPeople: number, activities: number, 
/**
 * Distinct people who took part in the year's activities.
 */
activityPeople: number, 
/**
 * Difficulties reported in the year by their status now, every status in list order.
 */
difficultiesByStatus: Array<Count>, openDifficulties: Array<Difficulty>, 
/**
 * Open more than 30 days.
 */
flaggedDifficulties: number, };

export type GradeVocabulary = { assessmentResults: Array<AssessmentResult>, gradeReasons: Array<string>, certificateTimings: Array<string>, certificateModes: Array<string>, };

export type GradeCategory = { name: string, minLevel: number, maxLevel: number, };

export type PositionMapping = { 
/**
 * A 职务 of the ledger.
 */
position: string, 
/**
 * The name of one of the scheme's categories.
 */
category: string, };

export type SchemeInput = { name: string, 
/**
 * 生效日期 (YYYY-MM-DD); required except on a template.
 */
effectiveFrom: string | null, remarks: string | null, 
/**
 * Highest post first.
 */
categories: Array<GradeCategory>, 
/**
 * One row per 职务.
 */
mapping: Array<PositionMapping>, };

export type Scheme = { id: number, 
/**
 * A shipped template: never in effect, copy it to use it.
 */
isTemplate: boolean, name: string, 
/**
 * 生效日期 (YYYY-MM-DD); required except on a template.
 */
effectiveFrom: string | null, remarks: string | null, 
/**
 * Highest post first.
 */
categories: Array<GradeCategory>, 
/**
 * One row per 职务.
 */
mapping: Array<PositionMapping>, };

export type DegreeCredit = { 
/**
 * A label of the 最高学历 list.
 */
education: string, 
/**
 * Years of service credited for it (0: none).
 */
years: number, };

export type CertificateRule = { 
/**
 * A 职业资格 kind.
 */
kind: string, 
/**
 * Levels it gives (晋升等级 mode).
 */
levels: number, 
/**
 * Monthly allowance in yuan with two decimals (证书津贴 mode), e.g. "200.00".
 */
allowance: string, };

export type GradeRules = { 
/**
 * One level per this many full years (定级) or counted years (年度晋级).
 */
yearsPerLevel: number, degreeCredits: Array<DegreeCredit>, certificateRules: Array<CertificateRule>, 
/**
 * true: every certificate kind held adds; false: the highest only.
 */
certificateCumulative: boolean, 
/**
 * 次月起 / 下一晋级日起
 */
certificateTiming: string, 
/**
 * 晋升等级 / 证书津贴
 */
certificateMode: string, 
/**
 * The yearly promotion takes effect on this month and day (default 1 January).
 */
promotionMonth: number, promotionDay: number, 
/**
 * This many consecutive 优秀 give one early level (0: never).
 */
excellentYears: number, 
/**
 * At most this many early levels in a career.
 */
excellentMaxTimes: number, 
/**
 * Interrupted service does not count: count from 重新参加社区工作时间 only.
 */
interruptionResets: boolean, };

export type AssessmentInput = { workerId: number, result: AssessmentResult, 
/**
 * 政治素质 score, 0–100 with at most one decimal.
 */
politicalScore: number | null, 
/**
 * 工作实绩 score.
 */
performanceScore: number | null, 
/**
 * 居民群众满意度 score.
 */
satisfactionScore: number | null, remarks: string | null, };

export type AssessmentBatch = { year: number, rows: Array<AssessmentInput>, };

export type Assessment = { id: number, year: number, workerName: string, workerId: number, result: AssessmentResult, 
/**
 * 政治素质 score, 0–100 with at most one decimal.
 */
politicalScore: number | null, 
/**
 * 工作实绩 score.
 */
performanceScore: number | null, 
/**
 * 居民群众满意度 score.
 */
satisfactionScore: number | null, remarks: string | null, };

export type AssessmentSheetRow = { name: string, communityId: number, communityName: string, position: string, 
/**
 * Whether a result is saved; if not, the result is the default 合格.
 */
saved: boolean, workerId: number, result: AssessmentResult, 
/**
 * 政治素质 score, 0–100 with at most one decimal.
 */
politicalScore: number | null, 
/**
 * 工作实绩 score.
 */
performanceScore: number | null, 
/**
 * 居民群众满意度 score.
 */
satisfactionScore: number | null, remarks: string | null, };

export type AssessmentSaved = { created: number, updated: number, unchanged: number, };

export type GradeRecordInput = { effectiveDate: string, category: string, level: number, reason: string, note: string | null, };

export type GradeRecord = { id: number, workerId: number, schemeId: number, schemeName: string, effectiveDate: string, category: string, level: number, reason: string, note: string | null, };

export type CurrentGrade = { category: string, level: number, effectiveDate: string, reason: string, schemeName: string, };

export type Proposal = { workerId: number, name: string, communityId: number, communityName: string, position: string, current: CurrentGrade | null, category: string, level: number, 
/**
 * Whether applying writes a record (category or level differs from the current grade).
 */
changed: boolean, 
/**
 * The reason the record will carry (定级, 年限晋升 …), when changed.
 */
reason: string | null, 
/**
 * The reasoning, line by line.
 */
lines: Array<string>, 
/**
 * Things the clerk should look at (a missing assessment, a later record).
 */
attention: Array<string>, };

export type Override = { workerId: number, category: string, level: number, reason: string, };

export type ApplySummary = { 
/**
 * Records written.
 */
written: number, 
/**
 * Of which the clerk's overrides.
 */
overridden: number, 
/**
 * Workers whose grade stays as it is.
 */
unchanged: number, 
/**
 * The run that wrote them (撤销本次写入 undoes it); null when nothing was written.
 */
runId: number | null, };

export type GradeRun = { id: number, 
/**
 * The 生效日期 of its records.
 */
asOf: string, 
/**
 * When it was written (YYYY-MM-DD HH:MM:SS).
 */
appliedAt: string, written: number, overridden: number, 
/**
 * Why it can no longer be undone, or null when it can.
 */
undoRefusal: string | null, };

export type SalaryCell = { category: string, level: number, amount: string, };

export type SalaryVersionInput = { name: string, effectiveFrom: string, 
/**
 * 绩效部分 as a percentage of the monthly standard (default 20).
 */
performancePercent: number, remarks: string | null, cells: Array<SalaryCell>, };

export type SalaryVersion = { id: number, name: string, effectiveFrom: string, 
/**
 * 绩效部分 as a percentage of the monthly standard (default 20).
 */
performancePercent: number, remarks: string | null, cells: Array<SalaryCell>, };

export type WorkerSalary = { workerId: number, asOf: string, category: string | null, level: number | null, versionName: string | null, 
/**
 * 岗位等级薪酬 per month, in fen, and split into its fixed and performance parts.
 */
standardFen: number, performanceFen: number, fixedFen: number, 
/**
 * 证书津贴 per month (allowance mode only).
 */
allowanceFen: number, 
/**
 * standard + allowance, in yuan.
 */
monthly: string, 
/**
 * Why there is no standard (no grade, no version, no amount for the grade).
 */
missing: string | null, };

export type UnitTotal = { communityId: number | null, name: string, 
/**
 * People in post on the date.
 */
people: number, 
/**
 * People in post on the date without a standard (no grade or no amount).
 */
withoutStandard: number, monthlyFen: number, monthly: string, 
/**
 * The calendar year of the date, month by month.
 */
annualFen: number, annual: string, };

export type SalaryTotals = { asOf: string, year: number, communities: Array<UnitTotal>, street: UnitTotal, };
