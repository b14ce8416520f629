// A ledger the disk garbled, as the clerk meets it: the app opens on the recovery page
// instead of an error on every page, says why and where the file is, and puts back the
// latest backup; the garbled file is kept in the backups folder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDriver, freshLedger, cliBinary, screenshot, waitForText, click, textOf } from '../lib/app.mjs';

const ledger = freshLedger();
const backups = path.join(path.dirname(ledger), 'backups');
let driver;
let browser;

before(async () => {
  let r = spawnSync(cliBinary, ['--db', ledger, 'demo', '--seed', '9', '--communities', '2'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `demo failed: ${r.stderr || r.error}`);
  r = spawnSync(cliBinary, ['--db', ledger, 'backup', '--out', path.join(backups, '每日备份-2026-11-28.db')], { encoding: 'utf8' });
  assert.equal(r.status, 0, `backup failed: ${r.stderr || r.error}`);
  // The disk garbled the ledger.
  writeFileSync(ledger, '这不是数据库，磁盘出错了'.repeat(400));
  driver = await startDriver(ledger);
  browser = await driver.open();
});

after(async () => {
  await browser?.deleteSession().catch(() => {});
  driver?.stop();
});

test('the app opens on the recovery page, saying why and listing the backups', async () => {
  await waitForText(browser, '[data-test=recovery]', '台账打不开', 20000);
  await waitForText(browser, '[data-test=recovery-problem]', '台账文件已损坏');
  await waitForText(browser, '[data-test=backup-table]', '每日备份');
  assert.match(await textOf(browser, '[data-test=recovery]'), /ledger\.db/);
  await screenshot(browser, '恢复-1-台账打不开');
});

test('recovering from the backup sets the garbled file aside and opens the ledger', async () => {
  await click(browser, '[data-test="backup-restore-每日备份-2026-11-28.db"]');
  await waitForText(browser, '.el-message-box', '不会删除');
  await click(browser, '.el-message-box__btns .el-button--danger');
  // The window reloads on the recovered ledger.
  await waitForText(browser, '.brand-street', '翠苑街道', 20000);
  await waitForText(browser, '.cards', '社区', 20000);
  await screenshot(browser, '恢复-2-已恢复');
  const kept = readdirSync(backups).filter((n) => n.startsWith('打不开的台账-') && n.endsWith('.db'));
  assert.equal(kept.length, 1, `the garbled file is kept: ${readdirSync(backups)}`);
  assert.ok(existsSync(ledger));
});
