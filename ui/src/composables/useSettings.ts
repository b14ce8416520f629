// Street name and operator are shown in the shell on every page; one shared copy, refreshed
// when the settings page saves.
import { ref } from 'vue'
import type { Settings } from '@/bindings'
import { getSettings } from '@/api/settings'

const settings = ref<Settings | null>(null)

export async function refreshSettings(): Promise<Settings> {
  const s = await getSettings()
  settings.value = s
  return s
}

export function setSharedSettings(s: Settings) {
  settings.value = s
}

export function useSettings() {
  return { settings, refreshSettings }
}
