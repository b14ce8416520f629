import type {
  ApplySummary,
  GradeRun,
  Assessment,
  AssessmentBatch,
  AssessmentSaved,
  AssessmentSheetRow,
  GradeRecord,
  GradeRecordInput,
  GradeRules,
  GradeVocabulary,
  Override,
  Proposal,
  SalaryCell,
  SalaryTotals,
  SalaryVersion,
  SalaryVersionInput,
  Scheme,
  SchemeInput,
  WorkerSalary,
} from '@/bindings'
import { call } from './invoke'

export const getGradeVocabulary = () => call<GradeVocabulary>('grade_vocabulary')

export const listSchemes = () => call<Scheme[]>('list_schemes')

export const createScheme = (input: SchemeInput) => call<Scheme>('create_scheme', { input })

export const updateScheme = (id: number, input: SchemeInput) => call<Scheme>('update_scheme', { id, input })

export const deleteScheme = (id: number) => call<void>('delete_scheme', { id })

export const getGradeRules = () => call<GradeRules>('get_grade_rules')

export const saveGradeRules = (rules: GradeRules) => call<GradeRules>('save_grade_rules', { rules })

export const assessmentSheet = (year: number, communityId: number | null) =>
  call<AssessmentSheetRow[]>('assessment_sheet', { year, communityId })

export const saveAssessments = (batch: AssessmentBatch) => call<AssessmentSaved>('save_assessments', { batch })

export const workerAssessments = (workerId: number) => call<Assessment[]>('worker_assessments', { workerId })

export const deleteAssessment = (id: number) => call<null>('delete_assessment', { id })

export const gradeHistory = (workerId: number) => call<GradeRecord[]>('grade_history', { workerId })

export const addGradeRecord = (workerId: number, input: GradeRecordInput) =>
  call<GradeRecord>('add_grade_record', { workerId, input })

export const deleteGradeRecord = (id: number) => call<null>('delete_grade_record', { id })

export const proposeGrades = (asOf: string | null) => call<Proposal[]>('propose_grades', { asOf })

export const applyGrades = (asOf: string | null, overrides: Override[]) =>
  call<ApplySummary>('apply_grades', { asOf, overrides })

/** The last confirmed run (撤销本次写入 offers it), or null. */
export const lastGradeRun = () => call<GradeRun | null>('last_grade_run')

/** Undoes the last run; gives how many records were removed. */
export const undoGradeRun = (runId: number) => call<number>('undo_grade_run', { runId })

export const listSalaryVersions = () => call<SalaryVersion[]>('list_salary_versions')

export const generateSalaryAmounts = (schemeId: number, base: string, step: number) =>
  call<SalaryCell[]>('generate_salary_amounts', { schemeId, base, step })

export const createSalaryVersion = (input: SalaryVersionInput) =>
  call<SalaryVersion>('create_salary_version', { input })

export const updateSalaryVersion = (id: number, input: SalaryVersionInput) =>
  call<SalaryVersion>('update_salary_version', { id, input })

export const workerSalary = (workerId: number) => call<WorkerSalary>('worker_salary', { workerId })

export const salaryTotals = (asOf: string | null) => call<SalaryTotals>('salary_totals', { asOf })
