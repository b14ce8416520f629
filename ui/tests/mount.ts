import { DOMWrapper, flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'

export function testRouter() {
  const dummy = { template: '<div />' }
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: dummy },
      { path: '/workers', component: dummy },
      { path: '/workers/:id', component: dummy },
      { path: '/communities', component: dummy },
      { path: '/training', component: dummy },
      { path: '/care', component: dummy },
      { path: '/grades', component: dummy },
      { path: '/secondments', component: dummy },
      { path: '/reports', component: dummy },
      { path: '/settings', component: dummy },
    ],
  })
}

/**
 * Mounts with Element Plus and a router, attached to <body> so focus works. Dialogs are
 * teleported to <body>: look for their content with `body()`.
 */
export function mountView(component: Component, options: { props?: Record<string, unknown> } = {}) {
  const router = testRouter()
  const wrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: {
      plugins: [ElementPlus, router],
      // Teleport is not stubbed: that makes ElSelect update itself forever under happy-dom.
    },
  })
  return { wrapper, router }
}

/** As mountView, with the router already at `path` (a page that reads its address). */
export async function mountAt(component: Component, path: string) {
  const router = testRouter()
  await router.push(path)
  await router.isReady()
  const wrapper = mount(component, { attachTo: document.body, global: { plugins: [ElementPlus, router] } })
  return { wrapper, router }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The whole document, for content teleported out of the mounted component. */
export const body = () => new DOMWrapper(document.body)

/** Lets promises, timers and Element Plus' debounces run. */
export async function settle(ms = 120) {
  await flushPromises()
  await sleep(ms)
  await flushPromises()
}

/** Clicks the button with this text in the open ElMessageBox. */
export async function answerBox(text: string, wait = 150) {
  await sleep(100)
  const button = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')]
    .filter((b) => b.textContent?.trim() === text)
    .pop()
  if (!button) throw new Error(`no “${text}” in the message box`)
  button.click()
  await settle(wait)
}
