// 异地备份 as a clerk does it: the home page says no copy is off this disk yet; on 设置 the
// clerk chooses a location (a USB stick; the folder dialog is answered by SHEGONG_OFFSITE_DIR),
// sets a password, and copies now. Later the ledger is changed, and the copy on the stick is
// restored through 从其他位置恢复 (the file dialog answered by SHEGONG_RESTORE_FILE): a wrong
// password is refused next to its field, the right one brings the old ledger back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDemo, freshDir, screenshot, typeInto, waitForText, click, textOf } from '../lib/app.mjs';

const stick = freshDir('shegong-stick-');
// What the file dialog will answer: the stick's copy, put under a fixed name by the test.
const chosen = path.join(stick, '带回的备份.db.age');
let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '11', '--communities', '2'], {
    SHEGONG_OFFSITE_DIR: stick,
    SHEGONG_RESTORE_FILE: chosen,
  });
  browser = app.browser;
});

after(() => app?.stop());

test('the home page reminds that nothing is off this disk yet', async () => {
  await waitForText(browser, '[data-test=home-offsite-reminder]', '还没有设置异地备份');
  await screenshot(browser, '异地备份-1-首页提醒');
});

test('a location and a password are set, and a copy goes to the stick', async () => {
  await click(browser, '[data-test=nav-settings]');
  await waitForText(browser, '[data-test=offsite]', '异地备份');
  await click(browser, '[data-test=offsite-choose]');
  await browser.waitUntil(
    async () => (await browser.$('[data-test=offsite-dir] input').getValue()) === stick,
    { timeout: 10000, timeoutMsg: 'the chosen location shows' },
  );
  await click(browser, '[data-test=offsite-encrypted]');
  await waitForText(browser, '[data-test=offsite]', '密码忘记了就无法恢复');
  await typeInto(browser, '[data-test=offsite-password] input', '翠苑街道2026');
  await typeInto(browser, '[data-test=offsite-confirm] input', '翠苑街道2026');
  await click(browser, '[data-test=offsite-save]');
  await waitForText(browser, '[data-test=offsite-present]', '能访问');
  await click(browser, '[data-test=offsite-now]');
  await waitForText(browser, '[data-test=offsite-copied]', '.db.age', 30000);
  await waitForText(browser, '[data-test=offsite-last]', '20');
  await screenshot(browser, '异地备份-2-已备份');

  const folder = path.join(stick, '社工台账备份');
  const copies = fs.readdirSync(folder).filter((n) => n.endsWith('.db.age'));
  assert.equal(copies.length, 1, copies.join(', '));
  const bytes = fs.readFileSync(path.join(folder, copies[0]));
  assert.ok(!bytes.subarray(0, 16).toString('latin1').startsWith('SQLite format'), 'encrypted');
  fs.copyFileSync(path.join(folder, copies[0]), chosen);
});

test('the copy on the stick restores the ledger, with its password only', async () => {
  await typeInto(browser, '[data-test=settings-street-name] input', '改错的街道');
  await click(browser, '[data-test=settings-save]');
  await waitForText(browser, '.brand-street', '改错的街道');

  await click(browser, '[data-test=backup-restore-external]');
  await waitForText(browser, '[data-test=external-file]', '带回的备份.db.age');
  await typeInto(browser, '[data-test=external-password] input', '不对的密码');
  await click(browser, '[data-test=external-restore]');
  await waitForText(browser, '.el-dialog .el-form-item__error', '密码不对', 30000);
  await screenshot(browser, '异地备份-3-密码不对');
  assert.equal(await textOf(browser, '.brand-street'), '改错的街道');

  await typeInto(browser, '[data-test=external-password] input', '翠苑街道2026');
  await click(browser, '[data-test=external-restore]');
  await waitForText(browser, '.brand-street', '翠苑街道', 30000);
  await waitForText(browser, '.el-notification', '恢复前备份-', 10000);
  await waitForText(browser, '[data-test=backup-table]', '外部备份', 15000);
  await screenshot(browser, '异地备份-4-已恢复');
  const street = await browser.$('[data-test=settings-street-name] input');
  assert.equal(await street.getValue(), '翠苑街道');
});
