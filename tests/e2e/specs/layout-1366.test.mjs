// Every page and the usual dialogs at 1366×768 (the usual office screen): no form label
// wraps onto a second line or is cut, no placeholder is cut, nothing in a dialog sticks out
// past its edge, no page is wider than the window, and no dialog opens showing an error
// before anything was typed. Each place is photographed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, screenshot, click, openDialog, waitForText } from '../lib/app.mjs';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '3', '--communities', '4']);
  browser = app.browser;
  await browser.setWindowSize(1366, 768);
});

after(() => app?.stop());

/** What is cut, wrapped or sticking out on the screen as it is now. */
function problems() {
  return browser.execute(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const bad = [];
    for (const l of document.querySelectorAll('.el-form-item__label')) {
      if (!shown(l) || !l.textContent.trim()) continue;
      const lineHeight = parseFloat(getComputedStyle(l).lineHeight) || 32;
      if (l.scrollHeight > lineHeight * 1.5 || l.scrollWidth > l.clientWidth + 1) {
        bad.push(`标签换行或被截断：${l.textContent.trim()}`);
      }
    }
    const ctx = document.createElement('canvas').getContext('2d');
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (!shown(input) || input.value || !input.placeholder || input.readOnly && !input.closest('.el-select, .el-date-editor')) continue;
      const style = getComputedStyle(input);
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (room > 0 && ctx.measureText(input.placeholder).width > room + 1) {
        bad.push(`提示文字被截断：${input.placeholder}`);
      }
    }
    for (const dialog of document.querySelectorAll('.el-dialog')) {
      if (!shown(dialog)) continue;
      const edge = dialog.getBoundingClientRect().right;
      for (const el of dialog.querySelectorAll('.el-input, .el-select, .el-date-editor, .el-button, .el-form-item__label')) {
        const r = el.getBoundingClientRect();
        // A wide table scrolls inside the dialog: its cells may lie beyond the edge.
        if (el.closest('.el-table, .salary-grid, [data-scroll]')) continue;
        if (shown(el) && r.width > 0 && r.right > edge + 1) {
          bad.push(`超出对话框：${(el.textContent || el.className).trim().slice(0, 20)}`);
        }
      }
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push('页面比窗口宽');
    return bad;
  });
}

/** Closes whatever dialog is open, answering 放弃 where the form asks. */
async function closeDialogs() {
  for (let i = 0; i < 3; i++) {
    const open = [];
    for (const d of await browser.$$('.el-dialog')) if (await d.isDisplayed()) open.push(d);
    if (open.length === 0) return;
    // The × of the top dialog (not every form closes on Esc).
    const buttons = [];
    for (const b of await browser.$$('.el-dialog__headerbtn')) if (await b.isDisplayed()) buttons.push(b);
    await buttons.at(-1)?.click();
    await browser.pause(400);
    const discard = await browser.$('//div[contains(@class,"el-message-box")]//button[normalize-space()="放弃"]');
    if (await discard.isDisplayed().catch(() => false)) await discard.click();
    await browser.pause(400);
  }
}

async function check(name) {
  await browser.pause(400);
  await screenshot(browser, `1366-${name}`);
  assert.deepEqual(await problems(), [], name);
}

const PAGES = [
  ['首页', 'nav-home', '[data-test=home-reminders]'],
  ['人员台账', 'nav-workers', '[data-test=roster-total]'],
  ['借调登记', 'nav-secondments', '[data-test=register-counts]'],
  ['社区', 'nav-communities', '[data-test=community-table]'],
  ['岗位等级', 'nav-grades', '[data-test=run-propose]'],
  ['培训', 'nav-training', '[data-test=training-tabs]'],
  ['关爱', 'nav-care', '[data-test=care-summary]'],
  ['报表', 'nav-reports', '[data-test=report-sheets]'],
  ['设置', 'nav-settings', '[data-test=settings-save]'],
];

for (const [name, nav, ready] of PAGES) {
  test(`${name}: nothing cut or wrapped at 1366×768`, async () => {
    await click(browser, `[data-test=${nav}]`);
    await waitForText(browser, ready, '');
    await check(name);
  });
}

/** The dialogs a clerk opens every day: page, the button that opens it. */
const DIALOGS = [
  ['新增人员', 'nav-workers', 'worker-add'],
  ['新增社区', 'nav-communities', 'community-add'],
  ['新增培训班次', 'nav-training', 'class-add', '#tab-classes'],
  ['新建薪酬标准', 'nav-grades', 'salary-new', '#tab-salary'],
  ['批量登记走访慰问', 'nav-care', 'visit-batch', '#tab-visits'],
  ['登记困难诉求', 'nav-care', 'difficulty-new', '#tab-difficulties'],
];

for (const [name, nav, opener, tab] of DIALOGS) {
  test(`${name}: the dialog fits at 1366×768`, async () => {
    await click(browser, `[data-test=${nav}]`);
    if (tab) await click(browser, `.el-tabs__item${tab}`);
    await openDialog(browser, `[data-test=${opener}]`);
    try {
      await check(name);
      // Nothing typed yet: no 请填写… greets the clerk.
      const errors = await browser.execute(() =>
        [...document.querySelectorAll('.el-dialog .el-form-item__error')].filter((e) => e.getClientRects().length > 0).map((e) => e.textContent.trim()),
      );
      assert.deepEqual(errors, [], `${name} opens with errors`);
    } finally {
      await closeDialogs();
    }
  });
}
