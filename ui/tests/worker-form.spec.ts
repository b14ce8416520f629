import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import type { WorkerInput } from '@/bindings'
import { communities, vocabulary, workerInput } from './fixtures'
import { answerBox, body, mountView, sleep } from './mount'
import { errorNextTo, input, pick } from './formKit'

vi.mock('@/api/workers', () => ({
  checkIdNumber: vi.fn(),
  createWorker: vi.fn(),
  updateWorker: vi.fn(),
}))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))

import { checkIdNumber, createWorker } from '@/api/workers'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import WorkerForm from '@/views/workers/form.vue'

const VALID_ID = '11010519491231002X'
/** Core's words for a 书记 recorded as 社区专职工作人员 (workers/validate.rs). */
const PAIR_MESSAGE = '职务“书记”属于两委成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。'

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
  vi.mocked(checkIdNumber).mockResolvedValue({ idNumber: VALID_ID, birthDate: '1949-12-31', gender: '男' })
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function open() {
  const { wrapper } = mountView(WorkerForm, { props: { modelValue: true, worker: null } })
  await flushPromises()
  return wrapper
}

async function fillValid(wrapper: VueWrapper) {
  await input('worker-name').setValue('张三')
  await input('worker-id-number').setValue(VALID_ID)
  await input('worker-phone').setValue('13800138000')
  pick(wrapper, 'worker-community', 2)
  pick(wrapper, 'worker-category', '两委专职成员')
  pick(wrapper, 'worker-position', '书记')
  pick(wrapper, 'worker-education', '大学本科')
  pick(wrapper, 'worker-hired-on', '2020-03-01')
  await flushPromises()
}

/** Lets promises, the Enter handler's timeout and Element Plus' 100 ms error debounce run. */
async function settle() {
  await flushPromises()
  await sleep(120)
  await flushPromises()
}

async function save() {
  await body().find('[data-test=worker-save]').trigger('click')
  await settle()
}

describe('worker form', () => {
  it('shows a backend field error next to that field and keeps what the clerk typed', async () => {
    const message = '入职时间早于年满 16 周岁，请核对入职时间或身份证号。'
    vi.mocked(createWorker).mockRejectedValue({ kind: 'validation', field: 'hiredOn', message })
    const wrapper = await open()
    await fillValid(wrapper)

    await save()

    expect(createWorker).toHaveBeenCalledTimes(1)
    const sent: WorkerInput = vi.mocked(createWorker).mock.calls[0][0]
    // Every field, exactly: the fixture's record with what fillValid chose.
    expect(sent).toEqual({
      ...workerInput,
      idNumber: VALID_ID,
      phone: '13800138000',
      communityId: 2,
      category: '两委专职成员',
      position: '书记',
    })

    expect(errorNextTo('worker-hired-on')).toBe(message)
    expect(errorNextTo('worker-name')).toBeNull()
    // Still open, nothing lost.
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(wrapper.emitted('saved')).toBeUndefined()
    expect(input('worker-name').element.value).toBe('张三')
    expect(input('worker-id-number').element.value).toBe(VALID_ID)
    expect(input('worker-phone').element.value).toBe('13800138000')
  })

  it('says at once, under 人员类别, that the post does not fit the category, and does not save', async () => {
    const wrapper = await open()
    await fillValid(wrapper)
    expect(errorNextTo('worker-category')).toBeNull()
    pick(wrapper, 'worker-category', '社区专职工作人员')
    await settle()
    expect(errorNextTo('worker-category')).toBe(PAIR_MESSAGE)
    await save()
    expect(createWorker).not.toHaveBeenCalled()
    // Changing the 职务 checks 人员类别 again.
    pick(wrapper, 'worker-position', '专职工作人员')
    await settle()
    expect(errorNextTo('worker-category')).toBeNull()
  })

  it('shows core’s 人员类别 × 职务 refusal under 人员类别', async () => {
    vi.mocked(createWorker).mockRejectedValue({ kind: 'validation', field: 'category', message: PAIR_MESSAGE })
    const wrapper = await open()
    await fillValid(wrapper)
    await save()
    expect(createWorker).toHaveBeenCalledTimes(1)
    expect(errorNextTo('worker-category')).toBe(PAIR_MESSAGE)
  })

  it('shows an error without a field as a notification and keeps the values', async () => {
    vi.mocked(createWorker).mockRejectedValue({ kind: 'db', message: '数据文件无法写入，请检查磁盘空间。' })
    const wrapper = await open()
    await fillValid(wrapper)
    await save()

    expect(document.querySelector('.el-notification')?.textContent).toContain('数据文件无法写入')
    expect(body().findAll('.el-form-item__error')).toHaveLength(0)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(input('worker-name').element.value).toBe('张三')
  })

  it('saves, says so and closes when core accepts the record', async () => {
    vi.mocked(createWorker).mockImplementation(async (i) => ({ id: 9, ...i }) as never)
    const wrapper = await open()
    await fillValid(wrapper)
    // Enter in a one-line input saves, as the save button does.
    await input('worker-phone').trigger('keydown', { key: 'Enter' })
    await settle()

    expect(createWorker).toHaveBeenCalledTimes(1)
    expect(wrapper.emitted('saved')?.[0]?.[0]).toMatchObject({ id: 9, name: '张三' })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    expect(document.body.textContent).toContain('已保存')
  })

  it('derives gender and birth date from the ID number through core as the clerk types', async () => {
    await open()
    expect(body().find('[data-test=worker-id-info]').text()).not.toContain('1949-12-31')

    await input('worker-id-number').setValue('11010519491231002x')
    expect(checkIdNumber).not.toHaveBeenCalled() // debounced
    await sleep(350)
    await flushPromises()

    expect(checkIdNumber).toHaveBeenCalledTimes(1)
    expect(checkIdNumber).toHaveBeenCalledWith(VALID_ID)
    const info = body().find('[data-test=worker-id-info]').text()
    expect(info).toContain('男')
    expect(info).toContain('1949-12-31')
  })

  it('shows core’s verdict on the ID number inline', async () => {
    const message = '身份证号中的出生日期晚于今天，请核对。'
    vi.mocked(checkIdNumber).mockRejectedValue({ kind: 'validation', field: 'idNumber', message })
    await open()
    await input('worker-id-number').setValue(VALID_ID)
    await sleep(350)
    await settle()
    expect(errorNextTo('worker-id-number')).toBe(message)
    expect(body().find('[data-test=worker-id-info]').text()).not.toContain('男')
  })

  it('refuses a wrong check character before asking core', async () => {
    const wrapper = await open()
    await fillValid(wrapper)
    await input('worker-id-number').setValue('110105194912310021')
    await settle()
    expect(errorNextTo('worker-id-number')).toContain('校验位')

    await save()
    expect(createWorker).not.toHaveBeenCalled()
    await sleep(350)
    expect(checkIdNumber).not.toHaveBeenCalledWith('110105194912310021')
  })

  it('takes a typed date confirmed with Enter without saving yet', async () => {
    vi.mocked(createWorker).mockImplementation(async (i) => ({ id: 9, ...i }) as never)
    const wrapper = await open()
    await fillValid(wrapper)
    const date = input('worker-hired-on')
    await date.trigger('focus')
    await date.setValue('2021-07-15')
    await date.trigger('keydown', { key: 'Enter', code: 'Enter' })
    await settle()
    // Enter in a date picker confirms the date; it does not save the form.
    expect(createWorker).not.toHaveBeenCalled()

    await save()
    expect(vi.mocked(createWorker).mock.calls[0][0].hiredOn).toBe('2021-07-15')
  })

  it('enables 入党时间 only for party members', async () => {
    const wrapper = await open()
    const joined = () => input('worker-party-joined-on').element
    expect(joined().disabled).toBe(true)
    pick(wrapper, 'worker-political-status', '中共党员')
    await flushPromises()
    expect(joined().disabled).toBe(false)
  })

  it('has the cursor in 姓名 as it opens, before the dialog has finished appearing', async () => {
    mountView(WorkerForm, { props: { modelValue: true, worker: null } })
    await flushPromises()
    await sleep(10)
    expect(document.activeElement).toBe(input('worker-name').element)
  })

  it('saves with Ctrl+Enter from a select and with Enter in 备注, the last field', async () => {
    vi.mocked(createWorker).mockImplementation(async (i) => ({ id: 9, ...i }) as never)
    const wrapper = await open()
    await fillValid(wrapper)
    // The select keeps its own Enter (it picks an option) and stops it there.
    await body().find('[data-test=worker-category] input').trigger('keydown', { key: 'Enter', code: 'Enter', ctrlKey: true })
    await settle()
    expect(createWorker).toHaveBeenCalledTimes(1)
    wrapper.unmount()
    document.body.innerHTML = ''

    const again = await open()
    await fillValid(again)
    const remarks = body().find<HTMLTextAreaElement>('textarea[data-test=worker-remarks]')
    await remarks.trigger('keydown', { key: 'Enter', shiftKey: true })
    await settle()
    expect(createWorker).toHaveBeenCalledTimes(1) // Shift+Enter is a new line
    await remarks.trigger('keydown', { key: 'Enter' })
    await settle()
    expect(createWorker).toHaveBeenCalledTimes(2)
  })

  it('puts 保存 before 取消, so Tab from the last field reaches it first', async () => {
    await open()
    const buttons = body()
      .findAll('.form-footer .el-button')
      .map((b) => b.text())
    expect(buttons).toEqual(['保存', '保存并继续新增', '取消'])
  })

  it('asks before throwing away what was typed, and closes at once when nothing was', async () => {
    const untouched = await open()
    await body().find('[data-test=form-cancel]').trigger('click')
    await settle()
    expect(untouched.emitted('update:modelValue')?.at(-1)).toEqual([false])
    untouched.unmount()
    document.body.innerHTML = ''

    const wrapper = await open()
    await input('worker-name').setValue('张三')
    await body().find('[data-test=form-cancel]').trigger('click')
    await settle()
    expect(body().find('.el-message-box').text()).toContain('放弃已填写的内容？')
    await answerBox('继续填写')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(input('worker-name').element.value).toBe('张三')

    await body().find('[data-test=form-cancel]').trigger('click')
    await settle()
    await answerBox('放弃')
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })

  it('保存并继续新增 saves and opens a fresh form for the next person', async () => {
    vi.mocked(createWorker).mockImplementation(async (i) => ({ id: 9, ...i }) as never)
    const wrapper = await open()
    await fillValid(wrapper)
    await body().find('[data-test=worker-save-next]').trigger('click')
    await settle()
    expect(createWorker).toHaveBeenCalledTimes(1)
    expect(wrapper.emitted('saved')).toHaveLength(1)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(input('worker-name').element.value).toBe('')
    expect(document.activeElement).toBe(input('worker-name').element)
  })
})
