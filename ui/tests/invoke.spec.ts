import { beforeEach, describe, expect, it, vi } from 'vitest'

vi.mock('@tauri-apps/api/core', () => ({
  invoke: vi.fn(),
  // The real Channel registers a callback with Tauri's runtime, which tests do not have.
  Channel: class {
    onmessage: (m: unknown) => void = () => {}
  },
}))

import { invoke } from '@tauri-apps/api/core'
import { call, toErrorDto } from '@/api/invoke'
import { getWorker, queryRoster, setExit } from '@/api/workers'
import { exportCounty, exportRoster, openLastExport, reportSheets } from '@/api/reports'
import type { ErrorDto, ExportProgress } from '@/bindings'

const invokeMock = vi.mocked(invoke)

// Braces matter: a function returned from beforeEach is run as the test's teardown.
beforeEach(() => {
  invokeMock.mockReset()
})

/** What a promise rejected with; fails if it resolved. */
const rejection = (p: Promise<unknown>) =>
  p.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (reason: unknown) => reason,
  )

describe('call', () => {
  it('passes the command and arguments through and returns the value', async () => {
    invokeMock.mockResolvedValue({ id: 3 })
    await expect(call('get_worker', { id: 3 })).resolves.toEqual({ id: 3 })
    expect(invokeMock).toHaveBeenCalledWith('get_worker', { id: 3 })
  })

  it('keeps an ErrorDto rejection, with its field', async () => {
    invokeMock.mockImplementation(() => Promise.reject({ kind: 'validation', message: '请填写姓名。', field: 'name' }))
    expect(await rejection(call('create_worker', {}))).toEqual({
      kind: 'validation',
      message: '请填写姓名。',
      field: 'name',
    })
  })

  it('drops a missing or null field', async () => {
    invokeMock.mockImplementation(() => Promise.reject({ kind: 'conflict', message: '社区中还有人员。', field: null }))
    expect(await rejection(call('delete_community', { id: 1 }))).toEqual({
      kind: 'conflict',
      message: '社区中还有人员。',
    })
  })

  it('turns a plain string rejection into an io error', async () => {
    invokeMock.mockImplementation(() => Promise.reject('Command foo not found'))
    const err = (await rejection(call('foo'))) as ErrorDto
    expect(err.kind).toBe('io')
    expect(err.message).toMatch(/^操作没有完成，台账未被修改。请重试/)
    expect(err.message).toContain('（Command foo not found）')
  })
})

describe('toErrorDto', () => {
  it('says in Chinese that a value outside a list was not saved', () => {
    const err = toErrorDto("invalid args `input` for command `create_visits`: unknown variant `红包`")
    expect(err.kind).toBe('io')
    expect(err.message).toMatch(/^提交的内容里有程序不认识的值，没有保存。请重新选择/)
    expect(err.message).toContain('unknown variant')
  })

  it('normalises anything else into a Chinese io error', () => {
    expect(toErrorDto(new Error('boom'))).toEqual({ kind: 'io', message: 'boom' })
    expect(toErrorDto(undefined).kind).toBe('io')
    expect(toErrorDto(undefined).message).toMatch(/操作失败/)
    // An unknown kind is not trusted as an ErrorDto.
    expect(toErrorDto({ kind: 'weird', message: 'x' }).kind).toBe('io')
  })
})

describe('wrappers', () => {
  it('use the command names and camelCase argument keys of the backend', async () => {
    invokeMock.mockResolvedValue(null)
    await getWorker(7)
    expect(invokeMock).toHaveBeenLastCalledWith('get_worker', { id: 7 })
    await setExit(7, { exitDate: '2024-05-01', reason: '辞职', remarks: null })
    expect(invokeMock).toHaveBeenLastCalledWith('set_exit', {
      workerId: 7,
      input: { exitDate: '2024-05-01', reason: '辞职', remarks: null },
    })
    const query = {
      search: 'zs',
      communityId: null,
      category: null,
      position: null,
      politicalStatus: null,
      education: null,
      certificate: null,
      status: null,
      ageBand: null,
      secondedAway: false,
      asOf: null,
      sort: 'name' as const,
      descending: false,
      page: 1,
      pageSize: 20,
    }
    await queryRoster(query)
    expect(invokeMock).toHaveBeenLastCalledWith('query_roster', { query })
  })
})

describe('report wrappers', () => {
  it('pass a channel that forwards progress to the callback', async () => {
    invokeMock.mockResolvedValue(null)
    const seen: ExportProgress[] = []
    const options = {
      asOf: '2024-06-30',
      periodFrom: null,
      periodTo: null,
      sheets: ['花名册'],
      fullIdNumbers: false,
      includeExited: true,
    }
    await expect(exportCounty(options, (p) => seen.push(p))).resolves.toBeNull()
    const [cmd, args] = invokeMock.mock.lastCall! as [string, { options: unknown; onProgress: { onmessage: (p: ExportProgress) => void } }]
    expect(cmd).toBe('export_county')
    expect(args.options).toEqual(options)
    args.onProgress.onmessage({ done: 1, total: 4, stage: '已读取台账' })
    expect(seen).toEqual([{ done: 1, total: 4, stage: '已读取台账' }])

    const query = {
      search: null,
      communityId: 3,
      category: null,
      position: null,
      politicalStatus: null,
      education: null,
      certificate: null,
      status: null,
      ageBand: null,
      secondedAway: false,
      asOf: null,
      sort: 'age' as const,
      descending: true,
      page: 2,
      pageSize: 20,
    }
    await exportRoster(query, true, () => {})
    expect(invokeMock).toHaveBeenLastCalledWith('export_roster', {
      query,
      fullIdNumbers: true,
      onProgress: expect.objectContaining({ onmessage: expect.any(Function) }),
    })

    await reportSheets()
    expect(invokeMock).toHaveBeenLastCalledWith('report_sheets', undefined)
    await openLastExport(true)
    expect(invokeMock).toHaveBeenLastCalledWith('open_last_export', { folder: true })
  })
})
