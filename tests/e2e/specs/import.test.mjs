// Issue 3 as a clerk does it in the real window: import the 花名册 of another street's ledger
// (a demo ledger exported with the CLI) into a fresh, empty ledger. With SHEGONG_IMPORT_FILE
// the app takes that file instead of showing the native open dialog, and with
// SHEGONG_EXPORT_DIR it saves the template and the error report there (WebDriver cannot
// click native dialogs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  startDriver, freshLedger, freshDir, cliBinary, screenshot, choose, typeInto, waitForText,
} from '../lib/app.mjs';

const work = freshDir('shegong-e2e-import-');
const exportDir = freshDir('shegong-e2e-import-out-');
const roster = path.join(work, 'roster.xlsx');
const ledger = freshLedger();
let driver;
let browser;
/** What the CLI's dry run says about the file on an empty ledger. */
let dryRun;
/** Every person on the roster: what the import must end with. */
let people;

function cli(args) {
  const r = spawnSync(cliBinary, args, { encoding: 'utf8' });
  return r;
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

before(async () => {
  const source = path.join(work, 'source.db');
  let r = cli(['--db', source, 'demo', '--seed', '7', '--communities', '3']);
  assert.equal(r.status, 0, `demo failed: ${r.stderr || r.error}`);
  r = cli(['--db', source, 'export', 'county', '--as-of', today(), '--full-id', '--sheets', '花名册', '--out', roster]);
  assert.equal(r.status, 0, `export failed: ${r.stderr || r.error}`);

  // The same file through the CLI first: it reads it, and says which rows it would refuse.
  r = cli(['--db', path.join(work, 'dry.db'), 'import', 'roster', roster, '--dry-run', '--create-communities', '--json']);
  dryRun = JSON.parse(r.stdout);
  people = dryRun.counts.new + dryRun.counts.rejected;
  assert.ok(people > 20, `only ${people} rows in the exported roster`);
  assert.equal(dryRun.counts.changed + dryRun.counts.unchanged, 0);

  driver = await startDriver(ledger, { SHEGONG_IMPORT_FILE: roster, SHEGONG_EXPORT_DIR: exportDir });
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

async function waitForFile(file) {
  await browser.waitUntil(async () => existsSync(file), {
    timeout: 10000,
    timeoutMsg: `${file} was not written`,
  });
}

const textOf = async (sel) => browser.execute((s) => document.querySelector(s)?.textContent ?? '', sel);

/** Waits until the live preview under the mapping has answered for the current settings. */
async function previewAnswered() {
  await waitForText(browser, '[data-test=import-live]', '按当前设置：', 20000);
}

test('导入 on the roster opens the dialog; the blank template is saved', async () => {
  await click('[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '共 0 人');
  await click('[data-test=roster-import]');
  await (await $('[data-test=import-choose]')).waitForDisplayed({ timeout: 10000 });
  await browser.pause(600);
  await screenshot(browser, '导入-1-选择文件');

  await click('[data-test=import-template]');
  await waitForFile(path.join(exportDir, '人员信息导入模板.xlsx'));
  await waitForText(browser, '[data-test=import-template-saved]', '人员信息导入模板.xlsx');
});

test('the file’s sheet, header row and proposed mapping are shown', async () => {
  await click('[data-test=import-choose]');
  await waitForText(browser, '[data-test=import-sheets]', '花名册', 20000);
  await waitForText(browser, '[data-test=import-mapping]', '身份证号');
  await previewAnswered();
  await screenshot(browser, '导入-2-工作表与列');

  // The export has a 填报单位 line above its header; the header itself is row 3.
  await typeInto(browser, '[data-test=import-header-row-0] input', '3');
  await browser.keys('Tab');
  await previewAnswered();
  await browser.waitUntil(async () => !(await textOf('[data-test=import-mapping]')).includes('填报单位'), {
    timeout: 20000,
    timeoutMsg: 'the columns were not laid out again from row 3',
  });
  await waitForText(browser, '[data-test=import-mapping]', '姓名');
});

test('preview on an empty ledger: every row is refused for its community, with the reason', async () => {
  await click('[data-test=import-next]');
  await waitForText(browser, '[data-test=import-counts]', '新增', 20000);
  assert.match(await textOf('[data-test=import-count-rejected]'), new RegExp(`拒绝\\s*${people}\\s*行`));
  await waitForText(browser, '[data-test=import-rejected]', '不在台账中');
  assert.equal(await (await $('[data-test=import-commit]')).isEnabled(), false);
  await screenshot(browser, '导入-3-预览-拒绝');

  await click('[data-test=import-error-report]');
  await waitForFile(path.join(exportDir, '导入错误说明-roster.xlsx'));
});

test('creating the communities leaves only the rows the file itself gets wrong', async () => {
  await click('[data-test=import-create-communities]');
  await waitForText(browser, '[data-test=import-count-new]', String(dryRun.counts.new), 20000);
  await waitForText(browser, '[data-test=import-communities]', '将新建');
  await browser.waitUntil(async () => (await $('[data-test=import-counts]')).isDisplayed());
  await screenshot(browser, '导入-4-预览-创建社区');
});

test('not importing the 职业资格 column (it has no 取得时间) lets every row in', async () => {
  const certificate = dryRun.sheets[0].columns.find((c) => c.field === 'certificateKind');
  assert.ok(certificate, 'no 职业资格 column in the export');
  await click('[data-test=import-back]');
  await (await $('[data-test=import-mapping]')).waitForDisplayed({ timeout: 10000 });
  await choose(browser, `[data-test=import-field-${certificate.column}]`, '不导入');
  await browser.waitUntil(async () => /拒绝\s*0\s*行/.test(await textOf('[data-test=import-live]')), {
    timeout: 20000,
    timeoutMsg: 'rows are still refused with 职业资格 not imported',
  });
  await click('[data-test=import-next]');
  await waitForText(browser, '[data-test=import-count-new]', String(people), 20000);
  assert.match(await textOf('[data-test=import-count-rejected]'), /拒绝\s*0\s*行/);
  await screenshot(browser, '导入-5-预览-全部新增');
});

test('确认导入 asks first, then writes everyone and says where the backup is', async () => {
  await click('[data-test=import-commit]');
  await waitForText(browser, '.el-message-box', `新增 ${people} 人`);
  await waitForText(browser, '.el-message-box', '新建社区');
  await browser.pause(300);
  await screenshot(browser, '导入-6-确认导入');
  await click('.el-message-box .el-button--primary');
  await waitForText(browser, '[data-test=import-done]', `新增 ${people} 人`, 30000);
  await waitForText(browser, '[data-test=import-done]', '已备份到');
  await screenshot(browser, '导入-7-完成');

  await click('[data-test=import-close]');
  await waitForText(browser, '[data-test=roster-total]', `共 ${people} 人`);
  await browser.pause(500);
  await screenshot(browser, '导入-8-人员台账');
});

/** Edits a person's phone in the app (the n-th name on the roster page); returns the name. */
async function editPhone(n, phone) {
  await click('[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', `共 ${people} 人`);
  const links = await browser.$$('[data-test=roster-table] .name-link');
  const link = links[n];
  await link.waitForClickable({ timeout: 10000 });
  const name = (await browser.execute((e) => e.textContent ?? '', link)).trim();
  await link.click();
  await waitForText(browser, '[data-test=worker-detail-name]', name);
  await click('[data-test=worker-edit]');
  await (await $('.el-dialog')).waitForDisplayed({ timeout: 10000 });
  await browser.pause(600);
  await typeInto(browser, '[data-test=worker-phone] input', phone);
  await click('[data-test=worker-save]');
  await waitForText(browser, '[data-test=worker-history]', phone);
  return name;
}

test('importing again: people edited since show as 变更, each updated or skipped as chosen', async () => {
  // Two people edited in the app: the file is now older than the ledger for them.
  const kept = await editPhone(0, '13312345678');
  const reverted = await editPhone(1, '13387654321');

  await click('[data-test=nav-workers]');
  await click('[data-test=roster-import]');
  await (await $('[data-test=import-choose]')).waitForDisplayed({ timeout: 10000 });
  await browser.pause(600);
  await click('[data-test=import-choose]');
  await waitForText(browser, '[data-test=import-sheets]', '花名册', 20000);
  await typeInto(browser, '[data-test=import-header-row-0] input', '3');
  await browser.keys('Tab');
  await previewAnswered();
  // The mapping that worked last time is proposed again: 职业资格 is not imported.
  const certificate = dryRun.sheets[0].columns.find((c) => c.field === 'certificateKind');
  await waitForText(browser, `[data-test=import-field-${certificate.column}]`, '不导入', 20000);
  await screenshot(browser, '导入-9-再次导入-上次的列对应');

  await click('[data-test=import-next]');
  await waitForText(browser, '[data-test=import-count-changed]', '2', 20000);
  await waitForText(browser, '[data-test=import-count-unchanged]', String(people - 2));
  await waitForText(browser, '[data-test=import-changed]', '13312345678');
  await waitForText(browser, '[data-test=import-changed]', '13387654321');

  // Keep the app's edit for one of them: 跳过 on that row only.
  const skip = await browser.$(
    `//*[@data-test="import-changed"]//tr[.//td[normalize-space(.)="${kept}"]]//label[contains(@class,"el-radio-button")][normalize-space(.)="跳过"]`,
  );
  await skip.waitForClickable({ timeout: 10000 });
  await skip.click();
  await waitForText(browser, '.all-action', '将更新 1 人，跳过 1 人');
  const active = await browser.execute(() =>
    [...document.querySelectorAll('[data-test=import-changed] .el-radio-button.is-active')].map((e) => e.textContent.trim()),
  );
  assert.equal(active.filter((t) => t === '跳过').length, 1);
  // The radio buttons fade to their new colours.
  await browser.pause(500);
  await screenshot(browser, '导入-10-变更-逐行选择');
  await click('[data-test=import-commit]');
  await waitForText(browser, '.el-message-box', '跳过 1 人');
  await click('.el-message-box .el-button--primary');
  await waitForText(browser, '[data-test=import-done]', '更新 1 人', 30000);
  await waitForText(browser, '[data-test=import-done]', '按选择跳过 1 人');
  await click('[data-test=import-close]');

  // 手机号 is a column the clerk turns on (显示列).
  await click('[data-test=roster-columns]');
  await click('[data-test=roster-column-phone]');
  await browser.keys('Escape');
  await typeInto(browser, '[data-test=roster-search] input', kept);
  await waitForText(browser, '[data-test=roster-table]', '13312345678');
  await typeInto(browser, '[data-test=roster-search] input', reverted);
  await waitForText(browser, '[data-test=roster-total]', '共 1 人');
  assert.ok(!(await textOf('[data-test=roster-table]')).includes('13387654321'), 'the file’s phone was not written back');
});
