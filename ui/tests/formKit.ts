// Filling a dialog form in a test: a text input, a select or date picker and a radio by their data-test
// or label, and the error shown next to a field.
import type { VueWrapper } from '@vue/test-utils'
import { ElDatePicker, ElRadio, ElSelect } from 'element-plus'
import { body } from './mount'

export const input = (dataTest: string) => body().find<HTMLInputElement>(`[data-test=${dataTest}] input`)

/** Sets an el-select or el-date-picker found by the data-test around it. */
export function pick(wrapper: VueWrapper, dataTest: string, value: unknown) {
  const all = [...wrapper.findAllComponents(ElSelect), ...wrapper.findAllComponents(ElDatePicker)]
  const found = all.find((c) => {
    const el = c.element as Node
    const host = el.nodeType === 1 ? (el as HTMLElement) : el.nextSibling
    return host instanceof HTMLElement && host.closest(`[data-test="${dataTest}"]`)
  })
  if (!found) throw new Error(`no select or date picker ${dataTest}`)
  found.vm.$emit('update:modelValue', value)
}

export function date(wrapper: VueWrapper, dataTest: string, value: string | null) {
  pick(wrapper, dataTest, value)
}

export async function radio(wrapper: VueWrapper, label: string) {
  const found = wrapper.findAllComponents(ElRadio).find((r) => r.text().trim() === label)
  if (!found) throw new Error(`no radio ${label}`)
  await found.find('input').setValue(true)
}

export function errorNextTo(dataTest: string): string | null {
  const item = body().find(`[data-test=${dataTest}]`).element.closest('.el-form-item')
  return item?.querySelector('.el-form-item__error')?.textContent?.trim() ?? null
}

