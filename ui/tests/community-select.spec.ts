import { afterEach, describe, expect, it } from 'vitest'
import { ElSelect } from 'element-plus'
import { matchesName } from '@/lib/pinyin'
import CommunitySelect from '@/components/CommunitySelect.vue'
import { body, mountView, settle } from './mount'

const list = [
  { id: 1, name: '东风社区', initials: 'dfsq' },
  { id: 2, name: '光明社区', initials: 'gmsq' },
  { id: 3, name: '和平社区', initials: 'hpsq' },
]

afterEach(() => {
  document.body.innerHTML = ''
})

describe('finding a community by pinyin initials', () => {
  it('matches part of the name or of its initials, any case', () => {
    expect(matchesName('gm', '光明社区', 'gmsq')).toBe(true)
    expect(matchesName('GM', '光明社区', 'gmsq')).toBe(true)
    expect(matchesName('光明', '光明社区', 'gmsq')).toBe(true)
    expect(matchesName('msq', '光明社区', 'gmsq')).toBe(true)
    expect(matchesName('hp', '光明社区', 'gmsq')).toBe(false)
    expect(matchesName('  ', '光明社区', 'gmsq')).toBe(true)
  })

  it('the drop-down lists only what the typed initials find, and all again when reopened', async () => {
    const { wrapper } = mountView(CommunitySelect, { props: { communities: list, modelValue: null } })
    await settle()
    const select = wrapper.findComponent(ElSelect)
    const options = () =>
      body()
        .findAll('.el-select-dropdown__item')
        .map((o) => o.text())
    await select.find('input').trigger('click')
    await settle()
    expect(options()).toEqual(['东风社区', '光明社区', '和平社区'])
    await select.find('input').setValue('gm')
    await settle()
    expect(options()).toEqual(['光明社区'])
    await body().findAll('.el-select-dropdown__item')[0].trigger('click')
    await settle()
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([2])
  })
})
