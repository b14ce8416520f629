// How person facts are shown: masking, service years, status colours.
import type { TagType } from '@/lib/display'
import type { WorkerStatus } from '@/vocab'

/** 110105********002X: the table shows only the first 6 and last 4 characters. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length)
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`
}

/** 社区工作年限 in months as "X年Y个月". */
export function formatServiceMonths(months: number): string {
  const m = Math.max(0, Math.floor(months))
  const years = Math.floor(m / 12)
  const rest = m % 12
  if (years === 0) return `${rest}个月`
  if (rest === 0) return `${years}年`
  return `${years}年${rest}个月`
}

const STATUS_TAGS: Record<WorkerStatus, TagType> = {
  在岗: 'success',
  试用期: 'warning',
  未入职: 'primary',
  已退出: 'danger',
  退休: 'info',
}

export function statusTagType(status: WorkerStatus): TagType {
  return STATUS_TAGS[status] ?? 'info'
}

export function yesNo(value: boolean | null): string {
  return value === null ? '未填' : value ? '是' : '否'
}
