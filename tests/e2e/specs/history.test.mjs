// 任职经历 as a clerk does it in the real window, on a demo street: a person's post changes
// with a date (an election to 委员), the 任职经历 tab shows both periods, 基本信息 shows the new
// post, a "change" to the same post is refused with what to do, and the edit form no longer
// lets the post be typed over; the roster's 书记未备案 finds a 书记 whose tenure is not filed
// with the county, and filing it from the history takes them off that list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  openDemo, screenshot, typeInto, waitForText, click, openDialog, textOf, choose, todayText,
} from '../lib/app.mjs';

let app;
let browser;

before(async () => {
  app = await openDemo(['--seed', '9', '--communities', '3']);
  browser = app.browser;
});

after(() => app?.stop());

async function typeDate(hook, value) {
  await typeInto(browser, `[data-test=${hook}] input`, value);
  await browser.keys('Enter');
}

/** Ticks a 变动原因 and checks it took: a click while the form moves can land on its neighbour. */
async function pickReason(label) {
  const xpath = `//div[@data-test='post-change-reason']//label[contains(normalize-space(.), '${label}')]`;
  await browser.waitUntil(async () => {
    await click(browser, xpath);
    await browser.pause(200);
    return (await browser.$(xpath).getAttribute('class')).includes('is-checked');
  }, { timeout: 10000, timeoutMsg: `变动原因 “${label}” is not ticked` });
}

/** The change's date: today (a change is never dated in the future). */
const changedOn = todayText;

test('a staff member elected 委员 from a date: the history shows both posts', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await choose(browser, '[data-test=filter-position]', '专职工作人员');
  await choose(browser, '[data-test=filter-status]', '在岗');
  // On a slow machine the table may still show the unfiltered roster: pick a row only once every
  // row shows both filters (an exited person or a 委员 taken by mistake refuses the change).
  const firstFiltered = () => browser.execute(() => {
    const rows = [...document.querySelectorAll('[data-test=roster-table] .el-table__body tr')];
    const filtered = rows.length > 0 && rows.every((r) => r.textContent.includes('专职工作人员') && r.textContent.includes('在岗'));
    return filtered ? rows[0].querySelector('a')?.getAttribute('href') ?? null : null;
  });
  let href = null;
  await browser.waitUntil(async () => (href = await firstFiltered()) !== null, {
    timeout: 20000,
    timeoutMsg: 'the roster never showed only 在岗 专职工作人员',
  });
  assert.ok(href, 'a staff member on the first page');
  await click(browser, `[data-test=roster-table] a[href="${href}"]`);
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  await click(browser, '.el-tabs__item#tab-history');
  await waitForText(browser, '[data-test=post-table]', '入职');

  await openDialog(browser, '[data-test=post-change-add]');
  // Nothing changed yet: not a change.
  await typeDate('post-change-date', changedOn());
  await pickReason('调整');
  await click(browser, '[data-test=post-change-save]');
  await waitForText(browser, '.el-form-item__error', '不是变动');
  await screenshot(browser, '任职经历-1-不是变动');

  await choose(browser, '[data-test=post-change-category]', '两委专职成员');
  await choose(browser, '[data-test=post-change-position]', '委员');
  await pickReason('选举');
  await typeInto(browser, '[data-test=post-change-doc] input', '翠选〔2026〕1号');
  await click(browser, '[data-test=post-change-save]');
  // The table, not the passing message: on a loaded machine the message may be gone already.
  // A refusal stays on the form: fail with what it says, and what the table and the dialog
  // show, rather than a bare timeout.
  const state = () => browser.execute(() => ({
    table: document.querySelector('[data-test=post-table]')?.textContent ?? '',
    errors: [...document.querySelectorAll('.el-dialog .el-form-item__error')].map((e) => e.textContent).join(' ').trim(),
    notices: [...document.querySelectorAll('.el-notification, .el-message')].map((e) => e.textContent).join(' ').trim(),
    reason: document.querySelector('[data-test=post-change-reason] .is-checked')?.textContent ?? '',
  }));
  let shown;
  try {
    await browser.waitUntil(async () => {
      shown = await state();
      return shown.table.includes('选举');
    }, { timeout: 20000 });
  } catch { /* reported below */ }
  assert.ok(shown.table.includes('选举'), `no 选举 row in the post table: ${JSON.stringify(shown)}`);
  await waitForText(browser, '[data-test=post-table]', '翠选〔2026〕1号');
  const table = await textOf(browser, '[data-test=post-table]');
  assert.ok(table.includes(`${changedOn()} 至 今`), table);
  assert.ok(table.includes('专职工作人员'), 'the earlier post stays in the history');
  await screenshot(browser, '任职经历-2-任职变动后');

  await click(browser, '.el-tabs__item#tab-info');
  await waitForText(browser, '[data-test=worker-detail]', '委员');
  await waitForText(browser, '[data-test=worker-history]', '任职经历');
});

test('the edit form shows the post read-only and says where changes go', async () => {
  await openDialog(browser, '[data-test=worker-edit]');
  await waitForText(browser, '[data-test=worker-dated-hint]', '任职经历');
  const disabled = await browser.execute(
    () => document.querySelector('[data-test=worker-position]')?.classList.contains('is-disabled')
      || Boolean(document.querySelector('[data-test=worker-position] .is-disabled')),
  );
  assert.ok(disabled, 'the post cannot be typed over');
  await screenshot(browser, '任职经历-3-编辑表单');
  await click(browser, '.el-dialog__headerbtn');
});

test('a 书记 not yet filed with the county is found on the roster and filed from the history', async () => {
  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await click(browser, '[data-test=filter-unfiled-secretary]');
  await waitForText(browser, '[data-test=roster-table]', '书记');
  const count = async () => Number((await textOf(browser, '[data-test=roster-total]')).match(/共 (\d+) 人/)[1]);
  const before = await count();
  assert.ok(before >= 1, 'the demo street has 书记 with no filing yet');
  await screenshot(browser, '任职经历-4-书记未备案');
  const href = await browser.execute(
    () => document.querySelector('[data-test=roster-table] .el-table__body tr a')?.getAttribute('href') ?? null,
  );
  await click(browser, `[data-test=roster-table] a[href="${href}"]`);
  await waitForText(browser, '[data-test=worker-detail-name]', '');
  await click(browser, '.el-tabs__item#tab-history');
  await waitForText(browser, '[data-test=filing-missing]', '未备案');
  await openDialog(browser, '[data-test=filing-add]');
  await typeDate('filing-date', changedOn());
  await typeInto(browser, '[data-test=filing-doc] input', '县组备〔2026〕8号');
  await click(browser, '[data-test=filing-save]');
  await waitForText(browser, '[data-test=post-table]', '县组备〔2026〕8号', 20000);
  await screenshot(browser, '任职经历-5-书记备案后');

  await click(browser, '[data-test=nav-workers]');
  await waitForText(browser, '[data-test=roster-total]', '人');
  await click(browser, '[data-test=filter-unfiled-secretary]');
  await browser.waitUntil(async () => (await count()) === before - 1, {
    timeout: 10000,
    timeoutMsg: 'the filed 书记 leaves the list',
  });
});
