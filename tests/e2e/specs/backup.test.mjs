// Going back to a backup as a clerk would: on a demo street, take a backup on the 设置 page,
// change something, restore the backup, and see the window come back with the old ledger,
// and the ledger as it was kept as 恢复前备份.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, screenshot, typeInto, waitForText, click, textOf } from '../lib/app.mjs';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '5', '--communities', '2']);
  browser = app.browser;
});

after(() => app?.stop());

test('a backup taken on the 设置 page is listed with what it holds', async () => {
  await click(browser, '[data-test=nav-settings]');
  await click(browser, '[data-test=backup-now]');
  await waitForText(browser, '.el-message', '备份完成');
  await waitForText(browser, '[data-test=backup-table]', '手动备份');
  assert.match(await textOf(browser, '[data-test=backup-table]'), /每日备份/);
});

test('restoring it undoes a later change, and keeps the ledger before as 恢复前备份', async () => {
  await typeInto(browser, '[data-test=settings-street-name] input', '改错的街道');
  await click(browser, '[data-test=settings-save]');
  await waitForText(browser, '.brand-street', '改错的街道');

  await click(browser, '[data-test^="backup-restore-手动备份-"]');
  await waitForText(browser, '.el-message-box', '恢复前备份');
  await screenshot(browser, '备份-1-确认恢复');
  await click(browser, '.el-message-box__btns .el-button--danger');
  // The window reloads on the restored ledger, and then says what happened.
  await waitForText(browser, '.brand-street', '翠苑街道', 15000);
  await waitForText(browser, '.el-notification', '恢复前备份-', 10000);
  await waitForText(browser, '[data-test=backup-table]', '恢复前备份', 15000);
  await screenshot(browser, '备份-2-已恢复');
  const street = await browser.$('[data-test=settings-street-name] input');
  assert.equal(await street.getValue(), '翠苑街道');
});
