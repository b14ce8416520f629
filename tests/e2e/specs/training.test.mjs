// Issue 5 as a clerk does it in the real window: on a demo street, look at who is overdue
// for training, record a class for a whole community through the picker, and see the
// overdue list shrink; then find the class on one attendee's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openDemo, todayText, pickWholeCommunity, screenshot, typeInto, choose, waitForText, click, openDialog, textOf,
} from '../lib/app.mjs';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '11', '--communities', '3']);
  browser = app.browser;
});

after(() => app?.stop());

const today = todayText();

/** The number on a status tag such as “已逾期 12”. */
async function overdueCount() {
  const text = await textOf(browser, '[data-test="cadence-count-已逾期"]');
  const m = text.match(/(\d+)/);
  assert.ok(m, `no count in “${text}”`);
  return Number(m[1]);
}

let community;
let overdueBefore;

test('the 培训 page lists who is overdue, worst first', async () => {
  await click(browser, '[data-test=nav-training]');
  await waitForText(browser, '[data-test=cadence-table]', '已逾期');
  overdueBefore = await overdueCount();
  assert.ok(overdueBefore > 0, 'the demo street should have someone overdue');
  // The first row is the worst: its community is the one we will train.
  const firstRow = await browser.$('[data-test=cadence-table] .el-table__body tr');
  const cells = await firstRow.$$('td');
  community = (await browser.execute((e) => e.textContent ?? '', cells[2])).trim();
  assert.ok(community.length > 0);
  await screenshot(browser, '培训-1-培训状态');
});

test('a class is created and the whole community added through the picker', async () => {
  await click(browser, '.el-tabs__item#tab-classes');
  await openDialog(browser, '[data-test=class-add]');
  await typeInto(browser, '[data-test=class-name] input', `${community}初任及骨干培训班`);
  await choose(browser, '[data-test=class-kind]', '初任培训');
  await choose(browser, '[data-test=class-tier]', '县级骨干培训');
  await typeInto(browser, '[data-test=class-organizer] input', '区民政局');
  await typeInto(browser, '[data-test=class-start] input', today);
  await browser.keys('Enter');
  await typeInto(browser, '[data-test=class-end] input', today);
  await browser.keys('Enter');
  await screenshot(browser, '培训-2-新增班次');
  await click(browser, '[data-test=class-save]');
  await waitForText(browser, '[data-test=class-title]', '初任及骨干培训班');

  await openDialog(browser, '[data-test=attendees-add]');
  await pickWholeCommunity(browser, community);
  await screenshot(browser, '培训-3-勾选参训人员');
  await click(browser, '[data-test=picker-confirm]');
  await waitForText(browser, '.el-message', '已添加');
  await waitForText(browser, '[data-test=attendees-table]', community);
  await screenshot(browser, '培训-4-班次参训名单');
});

test('the overdue list shrinks, and nobody in that community is overdue', async () => {
  await click(browser, '[data-test=nav-training]');
  await waitForText(browser, '[data-test=cadence-table]', '已完成');
  const after = await overdueCount();
  assert.ok(after < overdueBefore, `overdue went from ${overdueBefore} to ${after}`);
  await click(browser, '[data-test="cadence-count-已逾期"]');
  await choose(browser, '[data-test=cadence-community]', community);
  await waitForText(browser, '[data-test=cadence-total]', '共 0 人');
  await screenshot(browser, '培训-5-逾期名单缩短');
});

test("an attendee's page shows the class under 培训", async () => {
  await click(browser, '[data-test="cadence-count-已逾期"]'); // back to every status
  const link = await browser.$('[data-test=cadence-table] .el-table__body tr a');
  await link.waitForClickable({ timeout: 10000 });
  await link.click();
  await click(browser, '.el-tabs__item#tab-training');
  await waitForText(browser, '[data-test=worker-trainings]', '初任及骨干培训班');
  await waitForText(browser, '[data-test=worker-cadence-status]', '已完成');
  await screenshot(browser, '培训-6-个人培训');
});
