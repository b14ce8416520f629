// Generated from the Rust DTOs in src-tauri/core by `UPDATE_BINDINGS=1 cargo test -p shegong-core bindings`.
// Do not edit by hand.

export type ErrorKind = "notFound" | "validation" | "conflict" | "import" | "tooNew" | "db" | "io";

export type ErrorDto = { kind: ErrorKind, message: string, field?: string, };

export type Vocabulary = { ethnicGroups: Array<string>, politicalStatuses: Array<string>, partyMemberStatuses: Array<string>, educationLevels: Array<string>, categories: Array<string>, countedCategories: Array<string>, positions: Array<string>, sources: Array<string>, recruitmentMethods: Array<string>, exitReasons: Array<string>, certificateKinds: Array<string>, statuses: Array<string>, ageBands: Array<string>, };

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
workerCount: number, };

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
per10k: number | null, };

export type Staffing = { asOf: string, communities: Array<StaffingRow>, 
/**
 * The street: the standard is computed from the street's total population (so it can
 * be less than the sum of the communities' rounded-up figures).
 */
total: StaffingRow, };

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

export type AuditEntry = { id: number, at: string, operator: string, source: string, entity: string, action: string, summary: string, changes: Array<FieldChange>, };

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
gender: string, birthDate: string, age: number, status: string, 
/**
 * 社区工作年限 in whole months as of the date: from 参加社区工作时间 (or 入职时间) to the
 * date or the exit, plus the months accumulated elsewhere in the province.
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
 * 入职时间
 */
hiredOn: string, 
/**
 * 试用期满日期 (the last day of probation)
 */
probationEnd: string | null, remarks: string | null, };

export type WorkerDetail = { worker: Worker, certificates: Array<Certificate>, exit: ExitInput | null, history: Array<AuditEntry>, };

export type CertificateInput = { kind: string, 
/**
 * The name of a skill level when kind is 其他职业技能等级.
 */
title: string | null, 
/**
 * 取得日期
 */
obtainedOn: string, 
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
 * 取得日期
 */
obtainedOn: string, 
/**
 * 证书编号: text, never a number.
 */
certNo: string | null, remarks: string | null, };

export type ExitInput = { exitDate: string, reason: string, remarks: string | null, };

export type SortKey = "community" | "name" | "hiredOn" | "age";

export type RosterQuery = { 
/**
 * Name substring, pinyin initials ("zs" for 张三), or part of an ID or phone number.
 */
search: string | null, communityId: number | null, category: string | null, position: string | null, politicalStatus: string | null, education: string | null, 
/**
 * A certificate kind the person holds, or "无" for none.
 */
certificate: string | null, status: string | null, ageBand: string | null, 
/**
 * The date statuses and ages are computed for (default today).
 */
asOf: string | null, sort: SortKey, descending: boolean, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type RosterRow = { id: number, name: string, gender: string, birthDate: string, age: number, idNumber: string, phone: string | null, communityId: number, communityName: string, category: string, position: string, postDetail: string | null, politicalStatus: string, education: string, hiredOn: string, status: string, 
/**
 * The certificate kinds held, highest first.
 */
certificates: Array<string>, };

export type RosterPage = { total: number, page: number, pageSize: number, rows: Array<RosterRow>, };

export type IdInfo = { idNumber: string, birthDate: string, gender: string, };

export type LedgerInfo = { dbPath: string, backupsDir: string, schemaVersion: number, 
/**
 * The newest backup file's name, if any.
 */
latestBackup: string | null, };
