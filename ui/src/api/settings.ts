import type { Settings, Vocabulary } from '@/bindings'
import { call } from './invoke'

export const getVocabulary = () => call<Vocabulary>('vocabulary')

export const getSettings = () => call<Settings>('get_settings')

export const saveSettings = (settings: Settings) =>
  call<Settings>('save_settings', { settings })
