// The import dialog's labels: how a community match and a row's status are shown.
import type { CommunityMatch, PlanRow } from '@/bindings'
import type { TagType } from '@/lib/display'

export const COMMUNITY_MATCH: Record<CommunityMatch, { label: string; tag: TagType }> = {
  exact: { label: '与台账一致', tag: 'success' },
  similar: { label: '名称相近，已对应', tag: 'primary' },
  chosen: { label: '已选择', tag: 'primary' },
  create: { label: '将新建', tag: 'warning' },
  unknown: { label: '台账中没有', tag: 'danger' },
  ambiguous: { label: '有多个可能', tag: 'danger' },
}

export const STATUS_LABEL: Record<PlanRow['status'], string> = {
  new: '新增',
  changed: '变更',
  unchanged: '未变',
  rejected: '拒绝',
}
