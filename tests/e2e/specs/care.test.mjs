// Issue 5's care half as a clerk does it in the real window: on a demo street, record a
// 中秋节 慰问金 for a whole community at once (a wrong amount is refused in Chinese first),
// see the 未走访名单 shrink, record a check-up round, and find both on one person's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openDemo, todayText, pickWholeCommunity, screenshot, typeInto, choose, waitForText, click, openDialog, textOf,
} from '../lib/app.mjs';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '5', '--communities', '3']);
  browser = app.browser;
});

after(() => app?.stop());

const today = todayText();

const countIn = async (selector) => Number((await textOf(browser, selector)).match(/共 (\d+)/)[1]);

/** The text of a cell in the first body row of a table. */
async function firstRowCell(tableSelector, index) {
  const row = await browser.$(`${tableSelector} .el-table__body tr`);
  await row.waitForDisplayed({ timeout: 10000 });
  const cells = await row.$$('td');
  return (await browser.execute((e) => e.textContent ?? '', cells[index])).trim();
}

/** Picks everyone of a community in the people picker and confirms. */
async function pickCommunity(community) {
  await pickWholeCommunity(browser, community);
  await click(browser, '[data-test=picker-confirm]');
}

let community;
let person;

test('the 关爱 page opens on the year with its figures', async () => {
  await click(browser, '[data-test=nav-care]');
  await waitForText(browser, '[data-test=care-summary]', '体检');
  await screenshot(browser, '关爱-1-概况');
});

test('a 中秋节 慰问金 for a whole community: a wrong amount is refused, then saved', async () => {
  await click(browser, '[data-test=care-tab-visits]');
  await choose(browser, '[data-test=not-visited-festival]', '中秋节');
  await browser.pause(500);
  const before = await countIn('[data-test=not-visited-count]');
  assert.ok(before > 0, 'someone should still be waiting for a 中秋节 visit');
  community = await firstRowCell('[data-test=not-visited-table]', 0);
  person = await firstRowCell('[data-test=not-visited-table]', 1);

  await openDialog(browser, '[data-test=visit-batch]');
  await choose(browser, '[data-test=visit-festival]', '中秋节');
  await typeInto(browser, '[data-test=visit-date] input', today);
  await browser.keys('Enter');
  await choose(browser, '[data-test=visit-form]', '慰问金');
  await typeInto(browser, '[data-test=visit-amount] input', '五百');
  await typeInto(browser, '[data-test=visit-by] input', '街道工会');
  await click(browser, '[data-test=visit-pick]');
  await pickCommunity(community);
  await waitForText(browser, '[data-test=visit-recipients]', person);
  await click(browser, '[data-test=visit-save]');
  await waitForText(browser, '.el-form-item__error', '金额');
  await screenshot(browser, '关爱-2-金额错误');

  await typeInto(browser, '[data-test=visit-amount] input', '500');
  await click(browser, '[data-test=visit-save]');
  await waitForText(browser, '.el-message', '已登记');
  await waitForText(browser, '[data-test=visit-table]', person);
  await browser.pause(500);
  const after = await countIn('[data-test=not-visited-count]');
  assert.ok(after < before, `未走访 went from ${before} to ${after}`);
  await screenshot(browser, '关爱-3-已登记走访慰问');
});

test('a check-up round for the same community shortens the 未体检名单', async () => {
  await click(browser, '[data-test=care-tab-checkups]');
  await waitForText(browser, '[data-test=not-checked-title]', '未体检');
  const before = (await browser.$$('[data-test=not-checked-table] .el-table__body tr')).length;
  await openDialog(browser, '[data-test=checkup-new]');
  await typeInto(browser, '[data-test=checkup-date] input', today);
  await browser.keys('Enter');
  await typeInto(browser, '[data-test=checkup-institution] input', '区人民医院体检中心');
  await click(browser, '[data-test=checkup-pick]');
  await pickCommunity(community);
  await waitForText(browser, '[data-test=checkup-attendee-count]', '人');
  await screenshot(browser, '关爱-4-体检名单');
  await click(browser, '[data-test=checkup-save]');
  await waitForText(browser, '.el-message', '已保存体检批次');
  await browser.keys('Escape');
  await browser.pause(800);
  const after = (await browser.$$('[data-test=not-checked-table] .el-table__body tr')).length;
  assert.ok(after <= before, `未体检 went from ${before} to ${after}`);
});

test("the person's 关爱 tab shows the visit and the check-up", async () => {
  await click(browser, '[data-test=nav-workers]');
  await typeInto(browser, '[data-test=roster-search] input', person);
  await waitForText(browser, '[data-test=roster-table]', person);
  await browser.pause(400);
  const link = await browser.$('[data-test=roster-table] .el-table__body tr a');
  await link.waitForClickable({ timeout: 10000 });
  await link.click();
  await click(browser, '.el-tabs__item#tab-care');
  await waitForText(browser, '[data-test=worker-care-visits]', '中秋节');
  await waitForText(browser, '[data-test=worker-care-checkups]', '区人民医院体检中心');
  await screenshot(browser, '关爱-5-个人关爱');
});
