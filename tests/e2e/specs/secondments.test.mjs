// 借调登记 (第17条) as a clerk does it in the real window, on a demo street: the roster's
// 借调在外 filter shows the demo's seconded people with their flags; on a person's 借调 tab a
// secondment without approval can only be saved by choosing 未经批准 and is then flagged; one
// to a county-level unit is refused with the policy's sentence and nothing is saved; the
// street-wide 借调登记 page counts the unapproved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  discardDialog,
  openDemo, screenshot, typeInto, waitForText, click, openDialog, textOf, todayText,
} from '../lib/app.mjs';

const SENTENCE = '县级以上机关事业单位不得借调社区工作者；街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准。';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '5', '--communities', '4']);
  browser = app.browser;
});

after(() => app?.stop());

function daysFromToday(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Clicks the radio with this label inside the radio group `group`. */
async function radio(group, label) {
  await click(browser, `//div[@data-test='${group}']//label[contains(normalize-space(.), '${label}')]`);
}

async function typeDate(hook, value) {
  await typeInto(browser, `[data-test=${hook}] input`, value);
  await browser.keys('Enter');
}

test('the roster filters the people away on secondment and flags the unapproved', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await click(browser, '[data-test=filter-seconded-away]');
  await waitForText(browser, '[data-test=roster-table]', '借调在外');
  await waitForText(browser, '[data-test=roster-table]', '未经批准');
  await waitForText(browser, '[data-test=roster-table]', '逾期未归');
  const total = Number((await textOf(browser, '[data-test=roster-total]')).match(/共 (\d+) 人/)[1]);
  assert.ok(total >= 3 && total < 20, `only the seconded are listed, got ${total}`);
  await screenshot(browser, '借调-1-人员台账借调在外');
  await click(browser, '[data-test=filter-seconded-away]');
  await browser.waitUntil(
    async () => Number((await textOf(browser, '[data-test=roster-total]')).match(/共 (\d+) 人/)[1]) > total,
    { timeout: 10000, timeoutMsg: 'the whole roster comes back' },
  );
});

test('a secondment without approval is saved only as 未经批准, and flagged', async () => {
  await browser.pause(500);
  // The first person on the page who is not away already.
  const href = await browser.execute(() => {
    for (const tr of document.querySelectorAll('[data-test=roster-table] .el-table__body tr')) {
      if (!tr.textContent.includes('借调在外')) return tr.querySelector('a')?.getAttribute('href') ?? null;
    }
    return null;
  });
  assert.ok(href, 'someone on the first page is not seconded');
  await click(browser, `[data-test=roster-table] a[href="${href}"]`);
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  await click(browser, '.el-tabs__item#tab-secondment');
  await waitForText(browser, '[data-test=secondment-table]', '没有借调记录');

  await openDialog(browser, '[data-test=secondment-add]');
  await typeInto(browser, '[data-test=secondment-unit] input', '翠苑街道党群服务中心');
  await typeInto(browser, '[data-test=secondment-reason] input', '协助开展经济普查');
  await typeDate('secondment-start', todayText());
  await typeDate('secondment-planned', daysFromToday(90));
  // No choice made: the page asks for one.
  await click(browser, '[data-test=secondment-save]');
  await waitForText(browser, '.el-form-item__error', '请选择审批情况');
  // 已批准 needs the county's approval.
  await radio('secondment-approval', '已批准');
  await click(browser, '[data-test=secondment-save]');
  await waitForText(browser, '.el-form-item__error', '批准单位');
  await radio('secondment-approval', '未经批准');
  await waitForText(browser, '[data-test=secondment-unapproved-hint]', '未经批准');
  await click(browser, '[data-test=secondment-save]');
  await waitForText(browser, '.el-message', '已登记借调');
  await waitForText(browser, '[data-test=secondment-table]', '翠苑街道党群服务中心');
  await waitForText(browser, '[data-test=secondment-flags]', '未经批准');
  await waitForText(browser, '[data-test=secondment-table]', '借调在外');
  // The person's history has it too.
  await click(browser, '.el-tabs__item#tab-info');
  await waitForText(browser, '[data-test=worker-history]', '借调');
  await click(browser, '.el-tabs__item#tab-secondment');
  await waitForText(browser, '[data-test=secondment-flags]', '未经批准');
  await screenshot(browser, '借调-2-借调页签未经批准');
});

test('a unit at county level or above is refused with the sentence of 第17条', async () => {
  await openDialog(browser, '[data-test=secondment-add]');
  await typeInto(browser, '[data-test=secondment-unit] input', '区住房和城乡建设局');
  await radio('secondment-level', '县级及以上机关单位');
  await typeInto(browser, '[data-test=secondment-reason] input', '协助项目验收');
  await typeDate('secondment-start', daysFromToday(100));
  await typeDate('secondment-planned', daysFromToday(160));
  await radio('secondment-approval', '未经批准');
  await click(browser, '[data-test=secondment-save]');
  await waitForText(browser, '.el-form-item__error', SENTENCE);
  await screenshot(browser, '借调-3-县级单位不予登记');
  await discardDialog(browser);
  await browser.pause(500);
  const rows = await browser.$$('[data-test=secondment-table] .el-table__body-wrapper tr');
  assert.equal(rows.length, 1, 'nothing was saved');
});

test('the street-wide register counts the unapproved', async () => {
  await click(browser, '[data-test=nav-secondments]');
  await waitForText(browser, '[data-test=register-counts]', '借调在外');
  await waitForText(browser, '[data-test=register-table]', '翠苑街道党群服务中心');
  const counts = await textOf(browser, '[data-test=register-counts]');
  const unapproved = Number(counts.match(/其中未经批准\s*(\d+)/)[1]);
  assert.ok(unapproved >= 2, `the demo's and ours: ${counts}`);
  await screenshot(browser, '借调-4-借调登记');
});

test('the home page staffing counts the people away and the unapproved', async () => {
  await click(browser, '[data-test=nav-home]');
  await waitForText(browser, '[data-test=staffing-table]', '全街道合计');
  await waitForText(browser, '[data-test=staffing-table]', '未批');
  await screenshot(browser, '借调-5-首页配备情况');
});
