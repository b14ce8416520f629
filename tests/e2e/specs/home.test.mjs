// 工作台 at 1366×768 (the usual office screen), on a demo street: the home page's 待办提醒
// give the same counts as `shegong reminders --json` on the same ledger; 合同即将到期 opens
// the roster filtered to exactly that many people; going into a person and back returns to
// the same filtered list (the roster keeps its state in the address).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cliBinary, openDemo, screenshot, waitForText, click, textOf } from '../lib/app.mjs';

const valueOf = (sel) => browser.execute((s) => document.querySelector(s)?.value ?? null, sel);

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '9', '--communities', '5']);
  browser = app.browser;
  await browser.setWindowSize(1366, 768);
});

after(() => app?.stop());

const rosterTotal = async () => Number((await textOf(browser, '[data-test=roster-total]')).match(/共 (\d+) 人/)[1]);

test('the home page lists what to do today, as the command line does', async () => {
  await waitForText(browser, '[data-test=home-reminders]', '待办提醒');
  const cli = spawnSync(cliBinary, ['--db', app.ledger, 'reminders', '--json'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  const { items } = JSON.parse(cli.stdout);
  assert.ok(items.length >= 8, `the demo street has most items: ${items.map((i) => i.kind)}`);
  for (const item of items) {
    const text = await textOf(browser, `[data-test=reminder-${item.kind}]`);
    assert.ok(text.includes(item.title), `${item.kind}: ${text}`);
    assert.ok(text.includes(`${item.count.toLocaleString('en-US')}${item.unit}`), `${item.kind}: ${text} vs ${item.count}`);
  }
  await screenshot(browser, '工作台-1-待办提醒');
});

test('the team is drawn in charts, with every community\'s 应配 and 实有', async () => {
  await waitForText(browser, '[data-test=home-team-charts]', '队伍结构');
  for (const chart of ['ageBand', 'education', 'category', 'certificate', 'grade', 'staffing']) {
    const size = await browser.execute(
      (sel) => {
        const canvas = document.querySelector(`${sel} canvas`);
        return canvas ? [canvas.clientWidth, canvas.clientHeight] : null;
      },
      `[data-test=team-chart-${chart}]`,
    );
    assert.ok(size && size[0] > 200 && size[1] > 80, `${chart} is drawn: ${size}`);
  }
  await browser.execute(() => document.querySelector('[data-test=home-team-charts]').scrollIntoView());
  await screenshot(browser, '工作台-4-队伍结构图表');
  // 最近变更 in words: the demo street was written by 演示数据 in runs.
  const changes = await textOf(browser, '[data-test=recent-changes]');
  assert.match(changes, /演示操作员 新增了 \d+ (名人员|条.+记录)（演示数据）：/);
  await browser.execute(() => document.querySelector('[data-test=recent-changes]').scrollIntoView());
  await screenshot(browser, '工作台-5-最近变更');
  await browser.execute(() => document.querySelector('[data-test=home-reminders]').scrollIntoView());
});

test('a reminder opens the roster filtered to the people it counts, and it stays so after a person', async () => {
  const cli = spawnSync(cliBinary, ['--db', app.ledger, 'reminders', '--json'], { encoding: 'utf8' });
  const due = JSON.parse(cli.stdout).items.find((i) => i.kind === 'contractsDue');
  assert.ok(due && due.count > 0, 'the demo has contracts ending soon');

  await click(browser, '[data-test=reminder-contractsDue]');
  await waitForText(browser, '[data-test=roster-total]', `共 ${due.count} 人`);
  assert.match(await textOf(browser, '[data-test=filter-contract]'), /合同到期/);
  await screenshot(browser, '工作台-2-合同即将到期名单');

  await click(browser, '[data-test=roster-table] .el-table__body tr a');
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  await browser.back();
  await waitForText(browser, '[data-test=roster-total]', `共 ${due.count} 人`);
  assert.equal(await rosterTotal(), due.count);
  assert.match(await textOf(browser, '[data-test=filter-contract]'), /合同到期/);
  await screenshot(browser, '工作台-3-返回后仍是筛选后的名单');
});

test('a new person form takes the first keystrokes at once, and Esc asks before throwing them away', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await click(browser, '[data-test=worker-add]');
  // Typed straight away, while the dialog is still appearing: nothing may be lost.
  await browser.keys(['w', 'a', 'n', 'g']);
  await browser.waitUntil(async () => (await valueOf('[data-test=worker-name] input')) === 'wang', {
    timeout: 5000,
    timeoutMsg: `the keystrokes were lost: ${await valueOf('[data-test=worker-name] input')}`,
  });
  await browser.keys('Escape');
  await waitForText(browser, '.el-message-box', '放弃已填写的内容？');
  await screenshot(browser, '工作台-6-关闭前询问');
  const keep = await browser.$('//div[contains(@class,"el-message-box")]//button[normalize-space()="继续填写"]');
  await keep.click();
  await browser.pause(400);
  assert.equal(await valueOf('[data-test=worker-name] input'), 'wang', 'still there after 继续填写');
  await browser.keys('Escape');
  const discard = await browser.$('//div[contains(@class,"el-message-box")]//button[normalize-space()="放弃"]');
  await discard.waitForClickable({ timeout: 5000 });
  await discard.click();
  await browser.waitUntil(
    async () => !(await browser.execute(() => [...document.querySelectorAll('.worker-dialog')].some((d) => d.offsetParent !== null))),
    { timeout: 5000, timeoutMsg: 'the form stayed open' },
  );
});

