import type { Community, CommunityInput } from '@/bindings'
import { call } from './invoke'

export const listCommunities = () => call<Community[]>('list_communities')

export const createCommunity = (input: CommunityInput) =>
  call<Community>('create_community', { input })

export const updateCommunity = (id: number, input: CommunityInput) =>
  call<Community>('update_community', { id, input })

export const deleteCommunity = (id: number) => call<null>('delete_community', { id })
