// 劳动合同 as a clerk does it in the real window, on a demo street: the roster's 合同 filter
// lists the demo's contracts ending soon, and one of them shows its history flagged; on the 合同 tab of a person without a contract an
// over-long probation is refused with 劳动合同法第十九条 and nothing is saved; a contract with a
// lawful probation is saved, the tab shows the row in probation and the person's status turns
// 试用期; the roster's 试用期 filter finds them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  discardDialog,
  openDemo, screenshot, typeInto, waitForText, click, openDialog, textOf, choose, todayText,
} from '../lib/app.mjs';

let app;
let browser;
let name;

before(async () => {
  app = await openDemo(['--seed', '5', '--communities', '4']);
  browser = app.browser;
});

after(() => app?.stop());

/** Today plus some months (and days), as YYYY-MM-DD. */
function fromToday(months, days = 0) {
  const d = new Date();
  d.setMonth(d.getMonth() + months);
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function typeDate(hook, value) {
  await typeInto(browser, `[data-test=${hook}] input`, value);
  await browser.keys('Enter');
}

const rosterTotal = async () => Number((await textOf(browser, '[data-test=roster-total]')).match(/共 (\d+) 人/)[1]);

test('the roster lists the contracts ending within the reminder window', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  const all = await rosterTotal();
  await choose(browser, '[data-test=filter-contract]', '合同到期');
  await browser.waitUntil(async () => (await rosterTotal()) < all, { timeout: 10000, timeoutMsg: 'the filter narrows the roster' });
  const soon = await rosterTotal();
  assert.ok(soon >= 2, `the demo ends at least two contracts soon, got ${soon}`);
  await screenshot(browser, '合同-1-人员台账合同到期');
  // One of them: the history of renewals, the contract in force flagged 即将到期.
  await click(browser, '[data-test=roster-table] .el-table__body tr a');
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  await click(browser, '.el-tabs__item#tab-contract');
  await waitForText(browser, '[data-test=contract-flag]', '即将到期');
  await screenshot(browser, '合同-2-合同页签即将到期');
});

test('an over-long probation is refused in Chinese citing the law, and nothing is saved', async () => {
  // A 两委兼职成员 has no contract in the demo.
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await choose(browser, '[data-test=filter-category]', '两委兼职成员');
  await waitForText(browser, '[data-test=roster-table]', '两委兼职成员');
  await browser.pause(500);
  const href = await browser.execute(
    () => document.querySelector('[data-test=roster-table] .el-table__body tr a')?.getAttribute('href') ?? null,
  );
  assert.ok(href, 'the demo has a part-time committee member');
  await click(browser, `[data-test=roster-table] a[href="${href}"]`);
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  name = await textOf(browser, '[data-test=worker-detail-name]');
  await click(browser, '.el-tabs__item#tab-contract');
  await waitForText(browser, '[data-test=contract-table]', '没有劳动合同记录');

  await openDialog(browser, '[data-test=contract-add]');
  await typeDate('contract-start', todayText());
  await typeDate('contract-end', fromToday(36, -1));
  await typeDate('contract-probation', fromToday(7));
  await click(browser, '[data-test=contract-save]');
  await waitForText(browser, '.el-form-item__error', '试用期不得超过六个月（劳动合同法第十九条第一款）');
  // Close the date picker's calendar, which covers the message.
  await click(browser, '.el-dialog__title');
  await browser.pause(400);
  await screenshot(browser, '合同-3-试用期超过法定上限');
  await discardDialog(browser, '合同-3b-放弃已填写的内容');
  await browser.pause(500);
  await waitForText(browser, '[data-test=contract-table]', '没有劳动合同记录');
});

test('a contract with a probation puts the person in 试用期 and shows on the tab', async () => {
  await openDialog(browser, '[data-test=contract-add]');
  await typeDate('contract-start', todayText());
  await typeDate('contract-end', fromToday(36, -1));
  await typeDate('contract-probation', fromToday(5));
  await click(browser, '[data-test=contract-save]');
  await waitForText(browser, '.el-message', '已登记劳动合同');
  await waitForText(browser, '[data-test=worker-detail-status]', '试用期');
  await click(browser, '.el-tabs__item#tab-contract');
  await waitForText(browser, '[data-test=contract-phase]', '履行中（试用期）');
  await waitForText(browser, '[data-test=contract-table]', `至 ${fromToday(5)}；未考核`);
  await waitForText(browser, '[data-test=contract-table]', '固定期限');
  await screenshot(browser, '合同-4-合同页签试用期');
  // The person's history has it too.
  await click(browser, '.el-tabs__item#tab-info');
  await waitForText(browser, '[data-test=worker-history]', '劳动合同');
});

test('the roster’s 试用期 filter finds the person', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await choose(browser, '[data-test=filter-contract]', '试用期');
  await waitForText(browser, '[data-test=roster-table]', name);
  await screenshot(browser, '合同-5-人员台账试用期');
});
