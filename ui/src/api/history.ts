// 任职经历: dated post and 学历 changes, 书记备案, and the 书记 not yet filed.
import type { EducationInput, FilingInput, History, PostChangeInput, Unfiled } from '@/bindings'
import { call } from './invoke'

export const workerHistory = (workerId: number) => call<History>('worker_history', { workerId })

export const addPostChange = (workerId: number, input: PostChangeInput) =>
  call<number>('add_post_change', { workerId, input })

export const correctPostRecord = (id: number, input: PostChangeInput) =>
  call<null>('correct_post_record', { id, input })

export const deletePostRecord = (id: number) => call<null>('delete_post_record', { id })

export const addEducationRecord = (workerId: number, input: EducationInput) =>
  call<number>('add_education_record', { workerId, input })

export const correctEducationRecord = (id: number, input: EducationInput) =>
  call<null>('correct_education_record', { id, input })

export const deleteEducationRecord = (id: number) => call<null>('delete_education_record', { id })

export const fileSecretary = (postRecordId: number, input: FilingInput) =>
  call<null>('file_secretary', { postRecordId, input })

export const removeSecretaryFiling = (postRecordId: number) =>
  call<null>('remove_secretary_filing', { postRecordId })

export const unfiledSecretaries = (asOf: string | null) => call<Unfiled[]>('unfiled_secretaries', { asOf })
