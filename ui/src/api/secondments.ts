// 借调登记 (第17条): the person page's 借调 tab and the street-wide register.
import type { ApprovalInput, Register, Secondment, SecondmentInput } from '@/bindings'
import { call } from './invoke'

export const workerSecondments = (workerId: number) => call<Secondment[]>('worker_secondments', { workerId })

export const addSecondment = (workerId: number, input: SecondmentInput) =>
  call<Secondment>('add_secondment', { workerId, input })

export const recordSecondmentApproval = (id: number, approval: ApprovalInput) =>
  call<Secondment>('record_secondment_approval', { id, approval })

export const recordSecondmentReturn = (id: number, returnedOn: string) =>
  call<Secondment>('record_secondment_return', { id, returnedOn })

export const deleteSecondment = (id: number) => call<null>('delete_secondment', { id })

export const secondmentRegister = (asOf: string | null, since: string | null) =>
  call<Register>('secondment_register', { asOf, since })
