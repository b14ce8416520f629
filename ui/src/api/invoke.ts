// The one place the UI talks to the Rust side. Every rejection becomes an ErrorDto, so views
// switch on `kind` and show `message` without guessing what shape the failure had.
import { invoke } from '@tauri-apps/api/core'
import type { ErrorDto, ErrorKind } from '@/bindings'

const KINDS: readonly ErrorKind[] = [
  'notFound',
  'validation',
  'conflict',
  'import',
  'tooNew',
  'damaged',
  'db',
  'io',
]

export function isErrorDto(value: unknown): value is ErrorDto {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.kind === 'string' &&
    (KINDS as readonly string[]).includes(v.kind) &&
    typeof v.message === 'string'
  )
}

/** Turns whatever a command rejected with into an ErrorDto with a Chinese message. */
export function toErrorDto(reason: unknown): ErrorDto {
  if (isErrorDto(reason)) {
    const dto: ErrorDto = { kind: reason.kind, message: reason.message }
    if (typeof reason.field === 'string' && reason.field !== '') dto.field = reason.field
    return dto
  }
  // Tauri itself rejects with a plain string in English (unknown command, bad arguments such as
  // a value outside a closed list, denied by the capability): say in Chinese that nothing was
  // saved and what to do, and keep Tauri's words for whoever supports the clerk.
  if (typeof reason === 'string') return { kind: 'io', message: plainRejection(reason) }
  if (reason instanceof Error) {
    return { kind: 'io', message: reason.message || '操作失败。' }
  }
  return { kind: 'io', message: '操作失败，请重试；如果反复出现，请联系技术人员。' }
}

function plainRejection(reason: string): string {
  const detail = reason ? `（${reason}）` : ''
  if (reason.startsWith('invalid args')) {
    return `提交的内容里有程序不认识的值，没有保存。请重新选择下拉框中的选项后再试；如果反复出现，请联系技术人员${detail}。`
  }
  return `操作没有完成，台账未被修改。请重试；如果反复出现，请联系技术人员${detail}。`
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (reason) {
    throw toErrorDto(reason)
  }
}
