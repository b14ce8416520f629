// The small UI kit shared by every page: the "newest request wins" guard, the date field and
// the form rules and display helpers in lib/.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElDatePicker, ElForm, type FormItemRule } from 'element-plus'
import { defineComponent, h, reactive } from 'vue'
import { useLatestRequest } from '@/composables/useLatestRequest'
import DateField from '@/components/DateField.vue'
import { check, checkText, required, textOrNull } from '@/lib/formRules'
import { orDash } from '@/lib/display'

/** A promise the test settles by hand, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('useLatestRequest', () => {
  it('shows only the newest answer when an older one arrives last', async () => {
    const calls = [deferred<string>(), deferred<string>()]
    const fetch = vi.fn((n: number) => calls[n].promise)
    const applied: string[] = []
    const { loading, load } = useLatestRequest(fetch, (v) => applied.push(v))

    const first = load(0)
    const second = load(1)
    expect(fetch).toHaveBeenCalledWith(1)
    expect(loading.value).toBe(true)
    calls[1].resolve('newest')
    await second
    expect(applied).toEqual(['newest'])
    expect(loading.value).toBe(false)

    calls[0].resolve('stale')
    await first
    expect(applied).toEqual(['newest'])
    expect(loading.value).toBe(false)
  })

  it('keeps loading while the newest call runs, even when an older one finishes', async () => {
    const calls = [deferred<string>(), deferred<string>()]
    let n = 0
    const { loading, load } = useLatestRequest(() => calls[n++].promise, () => {})
    const first = load()
    const second = load()
    calls[0].resolve('stale')
    await first
    expect(loading.value).toBe(true)
    calls[1].resolve('newest')
    await second
    expect(loading.value).toBe(false)
  })

  it('hands only the newest failure to the failure handler', async () => {
    const shown: unknown[] = []
    const calls = [deferred<string>(), deferred<string>()]
    let n = 0
    const { load } = useLatestRequest(
      () => calls[n++].promise,
      () => {},
      (e) => shown.push(e),
    )
    const first = load()
    const second = load()
    calls[0].reject({ kind: 'db', message: '旧的失败' })
    await first
    expect(shown).toEqual([])
    calls[1].reject({ kind: 'db', message: '新的失败' })
    await second
    expect(shown).toEqual([{ kind: 'db', message: '新的失败' }])
    expect(document.body.querySelector('.el-notification')).toBeNull()
  })

  it('notifies the clerk of a failure when no handler is given', async () => {
    const { load } = useLatestRequest(() => Promise.reject({ kind: 'io', message: '文件打不开。' }), () => {})
    await load()
    await flushPromises()
    expect(document.body.querySelector('.el-notification')?.textContent).toContain('文件打不开。')
  })

  it('forgets every call in flight on cancel', async () => {
    const call = deferred<string>()
    const applied: string[] = []
    const { loading, load, cancel } = useLatestRequest(() => call.promise, (v) => applied.push(v))
    const pending = load()
    cancel()
    expect(loading.value).toBe(false)
    call.resolve('about the old input')
    await pending
    expect(applied).toEqual([])
    expect(loading.value).toBe(false)
  })
})

describe('DateField', () => {
  type FieldProps = { -readonly [K in keyof DateFieldProps]: DateFieldProps[K] }
  type DateFieldProps = Omit<InstanceType<typeof DateField>['$props'], 'modelValue' | 'onUpdate:modelValue'>

  function mountField(given: FieldProps) {
    const props = reactive(given)
    const form = reactive({ on: null as string | null })
    const wrapper = mount(
      defineComponent({
        setup: () => () =>
          h(ElForm, { model: form }, () => [
            h(DateField, {
              ...props,
              modelValue: form.on,
              'onUpdate:modelValue': (v: string | null) => (form.on = v),
            }),
          ]),
      }),
      { attachTo: document.body, global: { plugins: [ElementPlus] } },
    )
    return { wrapper, form, props }
  }

  it('renders a form item with its label, a hook box and an ISO date picker', () => {
    const { wrapper } = mountField({ label: '入职时间', prop: 'hiredOn', test: 'worker-hired-on' })
    const item = wrapper.find('.el-form-item')
    expect(item.find('.el-form-item__label').text()).toBe('入职时间')
    const hook = item.find('.el-form-item__content > div.hook[data-test=worker-hired-on]')
    expect(hook.exists()).toBe(true)
    const input = hook.find<HTMLInputElement>('input')
    expect(input.attributes('placeholder')).toBe('年-月-日')
    expect(input.element.disabled).toBe(false)
    const picker = wrapper.findComponent(ElDatePicker)
    expect(picker.props('type')).toBe('date')
    expect(picker.props('valueFormat')).toBe('YYYY-MM-DD')
    expect(picker.props('format')).toBe('YYYY-MM-DD')
  })

  it('puts the picker in the form item directly without a hook, with its own placeholder', () => {
    const { wrapper } = mountField({ label: '参加社区工作时间', placeholder: '年-月-日，空则按入职时间' })
    expect(wrapper.find('.hook').exists()).toBe(false)
    expect(wrapper.find('.el-form-item__content > .el-date-editor').exists()).toBe(true)
    expect(wrapper.find('input').attributes('placeholder')).toBe('年-月-日，空则按入职时间')
  })

  it('shows the error it is given and can be disabled', async () => {
    const { wrapper, props } = mountField({ label: '解决日期', error: '', disabled: true, test: 'resolved' })
    expect(wrapper.find('.el-form-item__error').exists()).toBe(false)
    props.error = '请填写解决日期。'
    // Element Plus shows a form item's message after a 100 ms debounce.
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    expect(wrapper.find('.el-form-item').classes()).toContain('is-error')
    expect(wrapper.find('.el-form-item__error').text()).toBe('请填写解决日期。')
    expect(wrapper.find<HTMLInputElement>('[data-test=resolved] input').element.disabled).toBe(true)
  })

  it('writes the picked date back through v-model', async () => {
    const { wrapper, form } = mountField({ label: '退出日期', test: 'exit-date' })
    wrapper.findComponent(ElDatePicker).vm.$emit('update:modelValue', '2024-05-31')
    await flushPromises()
    expect(form.on).toBe('2024-05-31')
  })
})

describe('form rules', () => {
  /** Runs one rule's validator the way async-validator does: the message, or null. */
  function verdict(rule: FormItemRule, value: unknown): string | null {
    let got: string | null = 'not called'
    ;(rule.validator as (r: unknown, v: unknown, cb: (e?: Error) => void) => void)({}, value, (e) => {
      got = e ? e.message : null
    })
    return got
  }

  it('required refuses blanks, spaces only and an empty list, and marks the field required', () => {
    const rule = required('请填写姓名。', 'blur')
    expect(rule.required).toBe(true)
    expect(rule.trigger).toBe('blur')
    for (const blank of [null, undefined, '', '   ', []]) expect(verdict(rule, blank)).toBe('请填写姓名。')
    for (const filled of ['张三', 0, ['x']]) expect(verdict(rule, filled)).toBeNull()
    expect(required('请选择。').trigger).toBe('change')
  })

  it('check turns "what is wrong, or nothing" into a rule that checks on blur unless told', () => {
    const rule = check((v) => (v === 2 ? '不能是 2。' : null))
    expect(rule.trigger).toBe('blur')
    expect(rule.required).toBeUndefined()
    expect(verdict(rule, 2)).toBe('不能是 2。')
    expect(verdict(rule, 3)).toBeNull()
    expect(check(() => undefined, 'change').trigger).toBe('change')
  })

  it('checkText checks anything that is not text as empty text', () => {
    const seen: string[] = []
    const rule = checkText((t) => (seen.push(t), t === '' ? '空的。' : null), 'change')
    expect(verdict(rule, null)).toBe('空的。')
    expect(verdict(rule, 12)).toBe('空的。')
    expect(verdict(rule, ' 张三 ')).toBeNull()
    expect(seen).toEqual(['', '', ' 张三 '])
  })

  it('textOrNull trims and sends empty text as null', () => {
    expect(textOrNull('  东风社区 ')).toBe('东风社区')
    expect(textOrNull('   ')).toBeNull()
  })

  it('orDash shows a dash for what is missing, and zero as zero', () => {
    expect([null, undefined, ''].map(orDash)).toEqual(['—', '—', '—'])
    expect(orDash(0)).toBe('0')
    expect(orDash('东风社区')).toBe('东风社区')
  })
})
