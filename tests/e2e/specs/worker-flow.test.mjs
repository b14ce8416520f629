// The main flow of issue 2, as a clerk does it in the real window: set up the street, add a
// community, add a worker (a wrong ID number is refused next to the field), find them by
// pinyin initials, edit, see the change in the history, restart the app and find the data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startDriver, freshLedger, screenshot, typeInto, choose, waitForText, idNumber,
} from '../lib/app.mjs';

const ledger = freshLedger();
let driver;
let browser;

before(async () => {
  driver = await startDriver(ledger);
  browser = await driver.open();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

const $ = (sel) => browser.$(sel);

async function click(sel) {
  const el = await $(sel);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

/** Opens a dialog and waits out its opening animation, which focuses and resets the form. */
async function openDialog(sel) {
  await click(sel);
  await (await $('.el-dialog')).waitForDisplayed({ timeout: 10000 });
  await browser.pause(600);
}

test('the window opens in Chinese with an empty-ledger guide', async () => {
  assert.equal(await browser.getTitle(), '社工台账');
  await waitForText(browser, '[data-test=home-empty]', '台账还是空的');
  await screenshot(browser, '01-首页-空台账');
});

test('settings: street name and operator are saved', async () => {
  await click('[data-test=nav-settings]');
  await typeInto(browser, '[data-test=settings-street-name] input', '翠苑街道');
  await typeInto(browser, '[data-test=settings-operator] input', '王晓');
  await click('[data-test=settings-save]');
  await waitForText(browser, '.el-message', '已保存');
  await screenshot(browser, '02-设置');
});

test('a community is added and listed', async () => {
  await click('[data-test=nav-communities]');
  await openDialog('[data-test=community-add]');
  await typeInto(browser, '[data-test=community-name] input', '幸福社区');
  await typeInto(browser, '[data-test=community-population] input', '8350');
  await screenshot(browser, '03-新增社区');
  await click('[data-test=community-save]');
  await waitForText(browser, '[data-test=community-table]', '幸福社区');
  await waitForText(browser, '[data-test=community-table]', '8,350');
  await screenshot(browser, '04-社区列表');
});

const goodId = idNumber('1988-07-15', 123);

test('a wrong ID number is refused next to the field; a right one saves', async () => {
  await click('[data-test=nav-workers]');
  await openDialog('[data-test=worker-add]');
  await typeInto(browser, '[data-test=worker-name] input', '张三');
  // Same birth date and sequence, wrong check character.
  const wrong = goodId.slice(0, 17) + (goodId.endsWith('1') ? '2' : '1');
  await typeInto(browser, '[data-test=worker-id-number] input', wrong);
  await typeInto(browser, '[data-test=worker-phone] input', '13800138000');
  await waitForText(browser, '.el-form-item__error', '校验位');
  await screenshot(browser, '05-身份证号错误');

  await typeInto(browser, '[data-test=worker-id-number] input', goodId);
  await waitForText(browser, '[data-test=worker-id-info]', '1988-07-15');
  await waitForText(browser, '[data-test=worker-id-info]', '男');
  await choose(browser, '[data-test=worker-education]', '大学本科');
  await choose(browser, '[data-test=worker-community]', '幸福社区');
  await choose(browser, '[data-test=worker-category]', '社区专职工作人员');
  await choose(browser, '[data-test=worker-position]', '专职工作人员');
  await typeInto(browser, '[data-test=worker-hired-on] input', '2020-03-01');
  await browser.keys('Enter');
  await browser.keys('Tab');
  await screenshot(browser, '06-新增人员-填好');
  await click('[data-test=worker-save]');
  await waitForText(browser, '[data-test=roster-table]', '张三');
});

test('the worker is found by pinyin initials', async () => {
  await typeInto(browser, '[data-test=roster-search] input', 'zs');
  await waitForText(browser, '[data-test=roster-total]', '1');
  await waitForText(browser, '[data-test=roster-table]', '幸福社区');
  await screenshot(browser, '07-人员台账-搜索');
  await typeInto(browser, '[data-test=roster-search] input', 'lisi');
  await waitForText(browser, '[data-test=roster-total]', '0');
  await typeInto(browser, '[data-test=roster-search] input', '');
  await waitForText(browser, '[data-test=roster-total]', '1');
});

test('an edit shows up in the change history', async () => {
  const row = await browser.$('//*[@data-test="roster-table"]//td[contains(., "张三")]');
  await row.waitForClickable({ timeout: 10000 });
  await row.click();
  await waitForText(browser, '[data-test=worker-detail-name]', '张三');
  await openDialog('[data-test=worker-edit]');
  await typeInto(browser, '[data-test=worker-phone] input', '13900139000');
  await screenshot(browser, '08-编辑人员');
  await click('[data-test=worker-save]');
  await waitForText(browser, '[data-test=worker-history]', '13900139000');
  await waitForText(browser, '[data-test=worker-history]', '王晓');
  await screenshot(browser, '09-人员详情-变更历史');
});

test('after a restart the data is still there', async () => {
  await browser.deleteSession();
  browser = await driver.open();
  await click('[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-table]', '张三');
  // 手机号 is one of the columns a clerk turns on (显示列).
  await click('[data-test=roster-columns]');
  await click('[data-test=roster-column-phone]');
  await browser.keys('Escape');
  await waitForText(browser, '[data-test=roster-table]', '13900139000');
  await screenshot(browser, '10-重启后');
});
