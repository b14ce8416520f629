// Issue 14, part 2 as a clerk does it: the county sends a form (a title, a two-row header,
// bordered blank rows, a 合计 row and a 填表人 line); on the 报表 page the clerk chooses it,
// sees what fills each column, previews, and saves a filled copy; the copy is opened as the
// county would (LibreOffice) and its printed page looked at. SHEGONG_FILL_FILE stands in for
// the open dialog and SHEGONG_EXPORT_DIR for the save dialog (WebDriver cannot click them).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import {
  cliBinary, freshDir, openDemo, screenshot, screenshotDir, waitForText, click, choose, textOf,
} from '../lib/app.mjs';

const formDir = freshDir('shegong-e2e-form-');
const exportDir = freshDir('shegong-e2e-fill-');
const form = path.join(formDir, '社区工作者信息采集表.xlsx');
// LibreOffice reads the filled form back as the county would; on Windows the release workflow
// points this at soffice.com.
const office = process.env.LIBREOFFICE ?? 'libreoffice';
let app;
let browser;

before(async () => {
  const made = spawnSync(cliBinary, ['bench-fill', '--write-form', form], { encoding: 'utf8' });
  assert.equal(made.status, 0, `form: ${made.stderr || made.error}`);
  app = await openDemo(['--seed', '7', '--communities', '4'], {
    SHEGONG_FILL_FILE: form,
    SHEGONG_EXPORT_DIR: exportDir,
  });
  browser = app.browser;
});

after(async () => {
  await app?.stop();
});

test('the form is read: its header, what fills each column, and a preview', async () => {
  await click(browser, '[data-test=nav-reports]');
  await click(browser, '#tab-fill');
  await click(browser, '[data-test=fill-choose]');
  await waitForText(browser, '[data-test=fill-file]', '社区工作者信息采集表.xlsx');
  await waitForText(browser, '[data-test=fill-header-at]', '表头在第 3 行');
  await waitForText(browser, '[data-test=fill-mapping]', '公民身份号码');
  await waitForText(browser, '[data-test=fill-total]', '共填写');
  const total = await textOf(browser, '[data-test=fill-total]');
  assert.match(total, /共填写 \d+ 人/);
  // 100 blank rows in the form: more people than that means rows are put in above 合计.
  const people = Number(/共填写 (\d+) 人/.exec(total)[1]);
  if (people > 100) await waitForText(browser, '[data-test=fill-note]', '上方插入');
  await browser.pause(400);
  await screenshot(browser, '填报-1-表格各列');
});

test('one community only, and the filled copy is saved beside the form', async () => {
  await click(browser, '[data-test=fill-scope-communities]');
  await choose(browser, '[data-test=fill-communities]', '和平社区');
  await browser.keys('Escape');
  await waitForText(browser, '[data-test=fill-preview]', '和平社区');
  const total = await textOf(browser, '[data-test=fill-total]');
  const people = Number(/共填写 (\d+) 人/.exec(total)?.[1]);
  assert.ok(people > 0 && people < 100, total);
  await browser.pause(300);
  await screenshot(browser, '填报-2-预览');

  await click(browser, '[data-test=fill-save]');
  await waitForText(browser, '[data-test=fill-done]', '已填好', 60000);
  await waitForText(browser, '[data-test=fill-done-path]', '社区工作者信息采集表-已填.xlsx');
  await waitForText(browser, '[data-test=fill-done-unfilled]', '家庭住址');
  await browser.pause(400);
  await screenshot(browser, '填报-3-已填好');

  // Opened as the county would: every listed person is of 和平社区, IDs masked.
  const files = readdirSync(exportDir).filter((f) => f.endsWith('.xlsx'));
  assert.deepEqual(files, ['社区工作者信息采集表-已填.xlsx']);
  const filled = path.join(exportDir, files[0]);
  // CSV in UTF-8 (filter options 44,34,76: comma, quote, UTF-8).
  const csv = spawnSync(office, ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', exportDir, filled], {
    encoding: 'utf8',
    timeout: 120000,
  });
  assert.equal(csv.status, 0, `libreoffice: ${csv.stderr}`);
  const text = readFileSync(filled.replace(/\.xlsx$/, '.csv'), 'utf8');
  // (毕业院校及专业 holds a line break: count cells, not lines.)
  assert.equal(text.match(/,和平社区,/g)?.length, people, text.slice(0, 400));
  assert.equal(text.match(/,\d{6}\*{8}\d{3}[\dX],/g)?.length, people, 'every ID masked');
  assert.doesNotMatch(text, /\d{17}[\dX]/, 'no full ID number');
  assert.ok(text.indexOf('\n合计,') > text.lastIndexOf(',和平社区,'), '合计 stays under the data');
  // The printed page, for a person to look at.
  const pdf = spawnSync(office, ['--headless', '--convert-to', 'pdf', '--outdir', exportDir, filled], {
    timeout: 120000,
  });
  assert.equal(pdf.status, 0);
  spawnSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', filled.replace(/\.xlsx$/, '.pdf'), path.join(exportDir, 'page')]);
  const page = readdirSync(exportDir).find((f) => f.startsWith('page') && f.endsWith('.png'));
  assert.ok(page, 'a printed page');
  copyFileSync(path.join(exportDir, page), path.join(screenshotDir, '填报-4-打印页.png'));
});
