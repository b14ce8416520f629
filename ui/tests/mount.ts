import { DOMWrapper, mount } from '@vue/test-utils'
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The whole document, for content teleported out of the mounted component. */
export const body = () => new DOMWrapper(document.body)
