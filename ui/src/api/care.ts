import type {
  ActivityInput,
  CareActivity,
  CareSummary,
  CareVocabulary,
  CheckupAttendee,
  CheckupAttendeeInput,
  CheckupDetail,
  CheckupRound,
  CheckupRoundInput,
  Difficulty,
  DifficultyInput,
  PersonRef,
  Visit,
  VisitBatchInput,
  VisitInput,
  WorkerCheckup,
} from '@/bindings'
import { call } from './invoke'

export const getCareVocabulary = () => call<CareVocabulary>('care_vocabulary')

export const careSummary = (year: number | null) => call<CareSummary>('care_summary', { year })

export const listCheckupRounds = (year: number | null) =>
  call<CheckupRound[]>('list_checkup_rounds', { year })

export const getCheckupRound = (id: number) => call<CheckupDetail>('get_checkup_round', { id })

export const createCheckupRound = (input: CheckupRoundInput) =>
  call<CheckupDetail>('create_checkup_round', { input })

export const addCheckupAttendees = (roundId: number, attendees: CheckupAttendeeInput[]) =>
  call<CheckupAttendee[]>('add_checkup_attendees', { roundId, attendees })

export const notChecked = (year: number | null) => call<PersonRef[]>('not_checked', { year })

export const workerCheckups = (workerId: number) => call<WorkerCheckup[]>('worker_checkups', { workerId })

export const listVisits = (year: number | null, festival: string | null, workerId: number | null) =>
  call<Visit[]>('list_visits', { year, festival, workerId })

export const createVisits = (input: VisitBatchInput) => call<Visit[]>('create_visits', { input })

export const notVisited = (festival: string, year: number | null) =>
  call<PersonRef[]>('not_visited', { festival, year })

export const listActivities = (year: number | null) => call<CareActivity[]>('list_activities', { year })

export const createActivity = (input: ActivityInput) => call<CareActivity>('create_activity', { input })

export const activityParticipants = (activityId: number) =>
  call<PersonRef[]>('activity_participants', { activityId })

export const workerActivities = (workerId: number) =>
  call<CareActivity[]>('worker_activities', { workerId })

export const listDifficulties = (openOnly: boolean, workerId: number | null) =>
  call<Difficulty[]>('list_difficulties', { openOnly, workerId })

export const createDifficulty = (input: DifficultyInput) => call<Difficulty>('create_difficulty', { input })

export const updateDifficulty = (id: number, input: DifficultyInput) =>
  call<Difficulty>('update_difficulty', { id, input })

export const updateCheckupRound = (id: number, input: CheckupRoundInput) =>
  call<CheckupRound>('update_checkup_round', { id, input })

export const deleteCheckupRound = (id: number) => call<null>('delete_checkup_round', { id })

export const updateCheckupAttendee = (id: number, input: CheckupAttendeeInput) =>
  call<CheckupAttendee>('update_checkup_attendee', { id, input })

export const removeCheckupAttendee = (id: number) => call<null>('remove_checkup_attendee', { id })

export const updateVisit = (id: number, input: VisitInput) => call<Visit>('update_visit', { id, input })

export const deleteVisit = (id: number) => call<null>('delete_visit', { id })

export const updateActivity = (id: number, input: ActivityInput) =>
  call<CareActivity>('update_activity', { id, input })

export const addActivityParticipants = (activityId: number, workerIds: number[]) =>
  call<CareActivity>('add_activity_participants', { activityId, workerIds })

export const removeActivityParticipant = (activityId: number, workerId: number) =>
  call<CareActivity>('remove_activity_participant', { activityId, workerId })

export const deleteActivity = (id: number) => call<null>('delete_activity', { id })

export const deleteDifficulty = (id: number) => call<null>('delete_difficulty', { id })
