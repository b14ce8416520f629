// 任职变动 and 更正 of a post record (任职经历): a new change starts from the current post and
// needs a 变动原因; the first record (the hiring) is corrected with its date locked to 入职时间
// and sent with reason 入职; core's refusal ("不是变动") shows next to its field.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElRadio } from 'element-plus'
import type { PostChangeInput, PostRecord } from '@/bindings'
import { body, mountView, settle } from './mount'
import { communities, vocabulary } from './fixtures'
import { pick } from './formKit'

vi.mock('@/api/history', () => ({ addPostChange: vi.fn(), correctPostRecord: vi.fn() }))
vi.mock('@/api/communities', () => ({ listCommunities: vi.fn() }))
vi.mock('@/api/settings', () => ({ getVocabulary: vi.fn() }))
import { addPostChange, correctPostRecord } from '@/api/history'
import { listCommunities } from '@/api/communities'
import { getVocabulary } from '@/api/settings'
import { resetVocabularyCache } from '@/composables/useVocabulary'
import PostChangeForm from '@/views/workers/post-change-form.vue'

const hiring: PostRecord = {
  id: 11,
  effectiveOn: '2020-03-01',
  endedOn: null,
  communityId: communities[0].id,
  communityName: communities[0].name,
  category: '社区专职工作人员',
  position: '专职工作人员',
  postDetail: '民政专干',
  reason: '入职',
  docNo: null,
  remarks: null,
  isFirst: true,
  startsSecretaryTenure: false,
  filing: null,
}

beforeEach(() => {
  resetVocabularyCache()
  vi.mocked(getVocabulary).mockResolvedValue(vocabulary)
  vi.mocked(listCommunities).mockResolvedValue(communities)
})
afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function open(record: PostRecord | null) {
  const { wrapper } = mountView(PostChangeForm, {
    props: { modelValue: true, workerId: 7, workerName: '张三', record, current: hiring },
  })
  await settle()
  return wrapper
}

function datePicker(wrapper: VueWrapper) {
  const found = wrapper.findAllComponents(ElDatePicker)[0]
  if (!found) throw new Error('no date picker')
  return found
}

const save = async () => {
  await body().find('[data-test=post-change-save]').trigger('click')
  await settle()
}

function errorNextTo(dataTest: string): string | null {
  const item = body().find(`[data-test=${dataTest}]`).element.closest('.el-form-item')
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? null
}

describe('任职变动', () => {
  it('starts from the current post and needs a date and a reason', async () => {
    const wrapper = await open(null)
    await save()
    expect(addPostChange).not.toHaveBeenCalled()
    expect(errorNextTo('post-change-reason')).toBe('请选择变动原因。')

    datePicker(wrapper).vm.$emit('update:modelValue', '2026-03-01')
    const elect = wrapper.findAllComponents(ElRadio).find((r) => r.text().trim() === '选举')
    await elect!.find('input').setValue(true)
    vi.mocked(addPostChange).mockRejectedValue({
      kind: 'validation',
      field: 'position',
      message: '与 2020-03-01 起的任职（专职工作人员，社区专职工作人员，民政专干）相同，不是变动。',
    })
    await save()
    const [workerId, sent] = vi.mocked(addPostChange).mock.calls[0] as [number, PostChangeInput]
    expect(workerId).toBe(7)
    expect(sent).toMatchObject({
      effectiveOn: '2026-03-01',
      communityId: communities[0].id,
      category: '社区专职工作人员',
      position: '专职工作人员',
      postDetail: '民政专干',
      reason: '选举',
    })
    expect(errorNextTo('post-change-position')).toContain('不是变动')
  })

  it('checks 人员类别 against 职务 again when the 职务 changes', async () => {
    const wrapper = await open(null)
    pick(wrapper, 'post-change-category', '两委专职成员')
    await settle()
    // Still 专职工作人员: a 两委 category does not fit it, and the clerk is told at once.
    expect(errorNextTo('post-change-category')).toContain('专职工作人员')
    pick(wrapper, 'post-change-position', '委员')
    await settle()
    expect(errorNextTo('post-change-category')).toBeNull()
  })

  it('corrects the hiring record with its date locked and reason 入职', async () => {
    vi.mocked(correctPostRecord).mockResolvedValue(null)
    const wrapper = await open(hiring)
    expect(datePicker(wrapper).props('disabled')).toBe(true)
    expect(body().find('[data-test=post-change-reason]').exists()).toBe(false)
    await save()
    expect(addPostChange).not.toHaveBeenCalled()
    const [id, sent] = vi.mocked(correctPostRecord).mock.calls[0] as [number, PostChangeInput]
    expect(id).toBe(11)
    expect(sent).toMatchObject({ effectiveOn: '2020-03-01', reason: '入职' })
  })
})
