// 劳动合同 and 试用期考核: the person page's 合同 tab and the reminder days in 设置.
import type {
  Contract,
  ContractInput,
  ContractRules,
  ContractSaved,
  EndInput,
  ReviewInput,
  WorkerContracts,
} from '@/bindings'
import { call } from './invoke'

export const workerContracts = (workerId: number) => call<WorkerContracts>('worker_contracts', { workerId })

export const addContract = (workerId: number, input: ContractInput) => call<Contract>('add_contract', { workerId, input })

/** 终止/解除: core records the exit in the same transaction and says so in `message`. */
export const endContract = (id: number, input: EndInput) => call<ContractSaved>('end_contract', { id, input })

export const deleteContract = (id: number) => call<null>('delete_contract', { id })

export const recordProbationReview = (contractId: number, input: ReviewInput) =>
  call<ContractSaved>('record_probation_review', { contractId, input })

export const contractRules = () => call<ContractRules>('contract_rules')

export const saveContractRules = (rules: ContractRules) => call<ContractRules>('save_contract_rules', { rules })
