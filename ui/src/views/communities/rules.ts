// Simple community rules repeated as the clerk types; core (communities.rs) is the authority.
import type { FormItemRule } from 'element-plus'
import { check, required } from '@/lib/formRules'

export const MAX_POPULATION = 1_000_000

export const communityRules: Record<string, FormItemRule[]> = {
  name: [
    required('请填写社区名称。', 'blur'),
    { max: 40, message: '社区名称不能超过 40 个字。', trigger: 'change' },
  ],
  population: [
    {
      required: true,
      ...check(
        (v) =>
          typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_POPULATION
            ? '城镇常住人口应在 0 到 1,000,000 之间，请核对。'
            : null,
        'change',
      ),
    },
  ],
}
