// The roster and printing at 1366×768 (the usual office screen), on a demo street:
// 姓名 stays left and 状态/操作 right while the table scrolls sideways, the chosen columns are
// remembered after a restart of the page, and 打印 writes print-ready workbooks — the list on
// screen, the ticked people's 人员登记表, one person's from the person page. With
// SHEGONG_EXPORT_DIR set the app writes there and does not open Excel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import {
  openDemo, freshDir, screenshot, waitForText, click, visible, textOf,
  assertWorkbook as checkWorkbook,
} from '../lib/app.mjs';

const printDir = freshDir('shegong-e2e-print-');
let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '5', '--communities', '4'], { SHEGONG_EXPORT_DIR: printDir });
  browser = app.browser;
  await browser.setWindowSize(1366, 768);
});

after(() => app?.stop());

function printed(prefix) {
  return readdirSync(printDir).filter((f) => f.startsWith(prefix) && f.endsWith('.xlsx'));
}

const assertWorkbook = (file, minBytes) => checkWorkbook(printDir, file, minBytes);

/** The header cells' texts and whether each lies inside the window. */
async function headerPlaces() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-test=roster-table] .el-table__header th')].map((th) => {
      const r = th.getBoundingClientRect();
      return { text: th.textContent.trim(), inside: r.left >= 0 && r.right <= window.innerWidth + 1, width: r.width };
    }),
  );
}

test('姓名, 状态 and 操作 stay in view at 1366, and nothing is cut to "…"', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '共');
  await waitForText(browser, '[data-test=roster-table]', '社区');
  // Scrolled fully right: the name column is still there on the left.
  await browser.execute(() => {
    const body = document.querySelector('[data-test=roster-table] .el-scrollbar__wrap');
    if (body) body.scrollLeft = body.scrollWidth;
  });
  await browser.pause(300);
  const places = await headerPlaces();
  for (const name of ['姓名', '状态', '操作']) {
    const cell = places.find((p) => p.text === name && p.width > 0);
    assert.ok(cell, `no ${name} header`);
    assert.ok(cell.inside, `${name} is off screen: ${JSON.stringify(places)}`);
  }
  // Long values wrap instead of being cut with an ellipsis.
  const cut = await browser.execute(
    () => [...document.querySelectorAll('[data-test=roster-table] .el-tooltip')].filter((c) => c.scrollWidth > c.clientWidth).length,
  );
  assert.equal(cut, 0, 'a roster cell is cut off');
  await screenshot(browser, '人员台账-1-1366宽');
});

test('the chosen columns are remembered', async () => {
  await click(browser, '[data-test=roster-columns]');
  await click(browser, '[data-test=roster-column-phone]');
  await click(browser, '[data-test=roster-column-education]');
  await browser.pause(300);
  await screenshot(browser, '人员台账-2-显示列');
  await browser.keys('Escape');
  let texts = (await headerPlaces()).map((p) => p.text);
  assert.ok(texts.includes('手机号') && !texts.includes('学历'), texts.join(','));
  await browser.refresh();
  await waitForText(browser, '[data-test=roster-table]', '社区');
  texts = (await headerPlaces()).map((p) => p.text);
  assert.ok(texts.includes('手机号') && !texts.includes('学历'), `after reload: ${texts.join(',')}`);
});

test('打印 writes the list on screen and the ticked people’s 人员登记表', async () => {
  await click(browser, '[data-test=roster-print]');
  await click(browser, '[data-test=roster-print-list]');
  await waitForText(browser, '[data-test=print-done]', '人员台账-打印-', 60000);
  assert.equal(printed('人员台账-打印-').length, 1);
  assertWorkbook(printed('人员台账-打印-')[0], 4 * 1024);

  const boxes = await browser.$$('[data-test=roster-table] .el-table__body .el-checkbox');
  await boxes[0].click();
  await boxes[1].click();
  await boxes[2].click();
  await click(browser, '[data-test=roster-print]');
  await waitForText(browser, '[data-test=roster-print-selected]', '3 人');
  await screenshot(browser, '人员台账-3-打印菜单');
  await click(browser, '[data-test=roster-print-selected]');
  await waitForText(browser, '[data-test=print-done]', '人员登记表-3人-', 60000);
  const forms = printed('人员登记表-3人-');
  assert.equal(forms.length, 1, readdirSync(printDir).join(','));
  assertWorkbook(forms[0], 6 * 1024);
  await browser.pause(500);
  await screenshot(browser, '人员台账-4-登记表已生成');
});

test('the person page prints that person’s 人员登记表', async () => {
  const link = await visible(browser, '[data-test=roster-table] .el-table__body tr a');
  const name = (await link.getText()).trim();
  await link.click();
  await waitForText(browser, '[data-test=worker-detail-name]', name);
  await click(browser, '[data-test=worker-print]');
  await waitForText(browser, '[data-test=print-done]', `人员登记表-${name}-`, 30000);
  assert.equal(printed(`人员登记表-${name}-`).length, 1);
  assert.match(await textOf(browser, '[data-test=worker-detail-name]'), new RegExp(name));
  await screenshot(browser, '人员台账-5-个人登记表');
});
