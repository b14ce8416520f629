import type {
  Attendance,
  AttendeeInput,
  CadenceRow,
  CadenceRules,
  ClassDetail,
  ClassInput,
  ExternalInput,
  ExternalTraining,
  TrainingClass,
  TrainingEntry,
  TrainingStats,
} from '@/bindings'
import { call } from './invoke'

export const listClasses = (year: number | null) => call<TrainingClass[]>('list_classes', { year })

export const getClass = (id: number) => call<ClassDetail>('get_class', { id })

export const createClass = (input: ClassInput) => call<TrainingClass>('create_class', { input })

export const updateClass = (id: number, input: ClassInput) =>
  call<TrainingClass>('update_class', { id, input })

export const addAttendees = (classId: number, attendees: AttendeeInput[]) =>
  call<Attendance[]>('add_attendees', { classId, attendees })

export const updateAttendance = (id: number, input: AttendeeInput) =>
  call<Attendance>('update_attendance', { id, input })

export const removeAttendance = (id: number) => call<null>('remove_attendance', { id })

export const workerTrainings = (workerId: number) =>
  call<TrainingEntry[]>('worker_trainings', { workerId })

export const addExternalTraining = (workerId: number, input: ExternalInput) =>
  call<ExternalTraining>('add_external_training', { workerId, input })

export const removeExternalTraining = (id: number) => call<null>('remove_external_training', { id })

export const trainingCadence = (asOf: string | null) => call<CadenceRow[]>('training_cadence', { asOf })

export const workerCadence = (workerId: number) => call<CadenceRow | null>('worker_cadence', { workerId })

export const trainingStatistics = (year: number | null) =>
  call<TrainingStats>('training_statistics', { year })

export const getCadenceRules = () => call<CadenceRules>('get_cadence_rules')

export const saveCadenceRules = (rules: CadenceRules) => call<CadenceRules>('save_cadence_rules', { rules })

export const deleteClass = (id: number) => call<null>('delete_class', { id })
