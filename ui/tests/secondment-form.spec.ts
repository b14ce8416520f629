// 登记借调: the clerk must choose 已批准 (with the approval) or 未经批准 — nothing is sent until
// one is chosen; 未经批准 is sent without approval; core's refusal of a county-level unit (the
// sentence of 第17条) shows under 借入单位层级 and the dialog keeps what was typed.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { SecondmentInput } from '@/bindings'
import { body, mountView, settle } from './mount'
import { date, errorNextTo, input, radio } from './formKit'

vi.mock('@/api/secondments', () => ({ addSecondment: vi.fn() }))
import { addSecondment } from '@/api/secondments'
import SecondmentForm from '@/views/workers/secondment-form.vue'

const SENTENCE = '县级以上机关事业单位不得借调社区工作者；街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准。'

afterEach(() => {
  vi.clearAllMocks()
  document.body.innerHTML = ''
})

async function fill() {
  const { wrapper } = mountView(SecondmentForm, { props: { modelValue: true, workerId: 7, workerName: '张三' } })
  await flushPromises()
  await input('secondment-unit').setValue('翠苑街道党群服务中心')
  await input('secondment-reason').setValue('协助经济普查')
  date(wrapper, 'secondment-start', '2026-03-01')
  date(wrapper, 'secondment-planned', '2026-05-31')
  await settle()
  return wrapper
}

const save = async () => {
  await body().find('[data-test=secondment-save]').trigger('click')
  await settle()
}

describe('登记借调', () => {
  it('sends nothing until 审批情况 is chosen, and 未经批准 without an approval', async () => {
    vi.mocked(addSecondment).mockImplementation(async () => ({ id: 1 }) as never)
    const wrapper = await fill()
    await save()
    expect(addSecondment).not.toHaveBeenCalled()
    expect(errorNextTo('secondment-approval')).toContain('请选择审批情况')

    await radio(wrapper, '已批准')
    await save()
    expect(addSecondment).not.toHaveBeenCalled()
    expect(errorNextTo('secondment-approved-by')).toContain('批准单位')

    await radio(wrapper, '未经批准')
    await settle()
    expect(body().find('[data-test=secondment-unapproved-hint]').exists()).toBe(true)
    await save()
    expect(addSecondment).toHaveBeenCalledTimes(1)
    const [workerId, sent] = vi.mocked(addSecondment).mock.calls[0] as [number, SecondmentInput]
    expect(workerId).toBe(7)
    expect(sent).toMatchObject({
      unit: '翠苑街道党群服务中心',
      unitLevel: '街道（乡镇）及所属单位',
      startOn: '2026-03-01',
      plannedEnd: '2026-05-31',
      approvalStatus: '未经批准',
      approval: null,
    })
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
  })

  it('shows core’s refusal of a county-level unit under 借入单位层级 and keeps the dialog', async () => {
    vi.mocked(addSecondment).mockRejectedValue({
      kind: 'validation',
      field: 'unitLevel',
      message: `不能登记：借入单位是县级及以上机关单位。《关于加强社区工作者队伍建设的意见》第17条规定：“${SENTENCE}”`,
    })
    const wrapper = await fill()
    await radio(wrapper, '县级及以上机关单位')
    await radio(wrapper, '未经批准')
    await save()
    expect(vi.mocked(addSecondment).mock.calls[0][1].unitLevel).toBe('县级及以上机关单位')
    expect(errorNextTo('secondment-level')).toContain(SENTENCE)
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
    expect(input('secondment-unit').element.value).toBe('翠苑街道党群服务中心')
  })
})
