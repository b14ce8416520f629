import type {
  Certificate,
  CertificateInput,
  ExitInput,
  ExitRecorded,
  IdInfo,
  RosterPage,
  RosterQuery,
  Worker,
  WorkerDetail,
  WorkerInput,
} from '@/bindings'
import { call } from './invoke'

export const queryRoster = (query: RosterQuery) => call<RosterPage>('query_roster', { query })

export const checkIdNumber = (value: string) => call<IdInfo>('check_id_number', { value })

export const getWorker = (id: number) => call<WorkerDetail>('get_worker', { id })

export const createWorker = (input: WorkerInput) => call<Worker>('create_worker', { input })

export const updateWorker = (id: number, input: WorkerInput) =>
  call<Worker>('update_worker', { id, input })

export const deleteWorker = (id: number) => call<null>('delete_worker', { id })

export const addCertificate = (workerId: number, input: CertificateInput) =>
  call<Certificate>('add_certificate', { workerId, input })

export const updateCertificate = (id: number, input: CertificateInput) =>
  call<Certificate>('update_certificate', { id, input })

export const deleteCertificate = (id: number) => call<null>('delete_certificate', { id })

export const setExit = (workerId: number, input: ExitInput) =>
  call<ExitRecorded>('set_exit', { workerId, input })

export const removeExit = (workerId: number) => call<null>('remove_exit', { workerId })
