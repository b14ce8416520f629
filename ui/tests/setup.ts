import { afterEach } from 'vitest'
import { enableAutoUnmount } from '@vue/test-utils'

// Unmount after every test so no timer (debounced search, ID check) leaks into the next one.
enableAutoUnmount(afterEach)

// happy-dom's Element.toString() serialises the whole subtree (outerHTML); browsers return
// "[object HTMLDivElement]". Popper.js calls node.toString() on every update to tell a window
// from an element, which made each el-select cost ~100 ms here. Behave like a browser.
Object.defineProperty(window.Element.prototype, 'toString', {
  configurable: true,
  value(this: Element) {
    return `[object ${this.constructor.name}]`
  },
})
