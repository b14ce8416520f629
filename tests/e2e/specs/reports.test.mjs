// Issue 6 as a clerk does it in the real window: on a demo street, export the county
// workbook with the defaults, then export the roster filtered to one community. With
// SHEGONG_EXPORT_DIR set the app writes there instead of showing the native save dialog
// (which WebDriver cannot click).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import {
  startDriver, freshLedger, freshDir, cliBinary, screenshot, waitForText,
  assertWorkbook as checkWorkbook,
} from '../lib/app.mjs';

const ledger = freshLedger();
const exportDir = freshDir('shegong-e2e-export-');
let driver;
let browser;

before(async () => {
  const demo = spawnSync(cliBinary, ['--db', ledger, 'demo', '--seed', '7', '--communities', '4'], {
    encoding: 'utf8',
  });
  assert.equal(demo.status, 0, `demo failed: ${demo.stderr || demo.error}`);
  driver = await startDriver(ledger, { SHEGONG_EXPORT_DIR: exportDir });
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

const workbooks = () => readdirSync(exportDir).filter((f) => f.endsWith('.xlsx')).sort();

/** A real workbook: an .xlsx is a zip, so it starts with "PK"; a full one is not tiny. */
const assertWorkbook = (file, minBytes) => checkWorkbook(exportDir, file, minBytes);

/** The first visible option of an el-select, chosen; returns its text. */
async function chooseFirst(selectSelector) {
  await click(selectSelector);
  let picked;
  await browser.waitUntil(
    async () => {
      for (const option of await browser.$$('li.el-select-dropdown__item')) {
        if (await option.isDisplayed()) {
          picked = option;
          return true;
        }
      }
      return false;
    },
    { timeout: 10000, timeoutMsg: `no visible option in ${selectSelector}` },
  );
  const text = (await browser.execute((e) => e.textContent ?? '', picked)).trim();
  await picked.click();
  await browser.pause(200);
  return text;
}

test('the 报表 page offers the sheets, with masked ID numbers by default', async () => {
  await click('[data-test=nav-reports]');
  await waitForText(browser, '[data-test=report-sheets]', '花名册');
  await waitForText(browser, '[data-test=report-sheets]', '配备情况');
  const asOf = await (await $('[data-test=report-as-of] input')).getValue();
  assert.match(asOf, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await (await $('[data-test=report-period-from] input')).getValue(), `${asOf.slice(0, 4)}-01-01`);
  assert.equal(await (await $('[data-test=report-period-to] input')).getValue(), asOf);
  const masked = await $('[data-test=report-id-masked]');
  assert.match(await masked.getAttribute('class'), /is-checked/);
  await browser.pause(300);
  await screenshot(browser, '报表-1-选项');
});

test('full ID numbers ask first; declining keeps them masked', async () => {
  await click('[data-test=report-id-full]');
  await waitForText(browser, '.el-message-box', '敏感个人信息');
  await browser.pause(400);
  await screenshot(browser, '报表-2-确认完整身份证号');
  const keep = await browser.$("//div[contains(@class,'el-message-box')]//button[normalize-space(.)='仍然隐藏']");
  await keep.waitForClickable({ timeout: 10000 });
  await keep.click();
  await (await $('.el-message-box')).waitForDisplayed({ reverse: true, timeout: 10000 });
  assert.match(await (await $('[data-test=report-id-masked]')).getAttribute('class'), /is-checked/);
});

test('the county workbook is exported with the defaults', async () => {
  assert.deepEqual(workbooks(), []);
  await click('[data-test=report-export]');
  await waitForText(browser, '[data-test=report-done]', '已导出', 60000);
  await waitForText(browser, '[data-test=report-done]', exportDir);
  await waitForText(browser, '[data-test=report-done]', '已隐藏中间8位');
  const files = workbooks();
  assert.equal(files.length, 1, `expected one workbook in ${exportDir}: ${files}`);
  assertWorkbook(files[0], 10 * 1024);
  // WebKitGTK may still show the previous frame for a moment after the DOM changed.
  await browser.pause(500);
  await screenshot(browser, '报表-3-已导出');
});

test('the roster exports exactly the filtered list', async () => {
  await click('[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '共');
  const community = await chooseFirst('[data-test=filter-community]');
  await waitForText(browser, '[data-test=roster-table]', community);
  // The total shown once the filter has answered: what the file must hold.
  await browser.pause(500);
  const totalText = await browser.execute(
    () => document.querySelector('[data-test=roster-total]')?.textContent ?? '',
  );
  const shown = Number(/共\s*(\d+)\s*人/.exec(totalText)?.[1]);
  assert.ok(shown > 0, `no one in ${community}: ${totalText}`);

  await click('[data-test=roster-export]');
  await waitForText(browser, '[data-test=roster-export-done]', `共 ${shown} 人`, 60000);
  const files = workbooks();
  assert.equal(files.length, 2, `expected a second workbook in ${exportDir}: ${files}`);
  const roster = files.find((f) => f.startsWith('人员台账-'));
  assert.ok(roster, `no roster workbook among ${files}`);
  assertWorkbook(roster, 4 * 1024);
  await browser.pause(500); // the notification slides in
  await screenshot(browser, '报表-4-人员台账导出');
});
