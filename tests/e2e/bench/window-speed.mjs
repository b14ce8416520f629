// Window speed as a clerk feels it: on a 20,000-person ledger (300 communities) in the
// release build at 1366×768, the time from clicking a page in the menu to its table or
// figures being on screen (the element that holds the loaded data shows text; a loading
// mask's fade-out is not waited for). Measured inside the page
// (performance.now() around the click), so WebDriver's own round trips are not counted.
// Prints a table of medians and maxima; fails on nothing (figures, not tests).
//
//   npm --prefix ui run build && cargo build --release -p shegong-app -p shegong-cli
//   SHEGONG_APP=target/release/shegong-app SHEGONG_CLI=target/release/shegong \
//     xvfb-run -a -s "-screen 0 1920x1080x24" node tests/e2e/bench/window-speed.mjs \
//     [--workers 20000] [--communities 300] [--runs 5] [--only 首页,人员台账,晋级测算]
import { spawnSync } from 'node:child_process';
import { startDriver, freshLedger, cliBinary, appBinary } from '../lib/app.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const workers = arg('--workers', 20000);
const communities = arg('--communities', 300);
const runs = arg('--runs', 5);
/** --only 人员台账,首页: measure just these pages. */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;

/** Each page: the menu item, and what must show before the clerk can read it. */
const PAGES = [
  ['首页', 'nav-home', '[data-test=card-inPost] .card-value'],
  ['人员台账', 'nav-workers', '[data-test=roster-table] .el-table__body tr td a'],
  ['借调登记', 'nav-secondments', '[data-test=register-counts]'],
  ['社区', 'nav-communities', '[data-test=community-table] .el-table__body tr td'],
  ['岗位等级', 'nav-grades', '[data-test=run-propose]'],
  ['培训', 'nav-training', '[data-test=cadence-table] .el-table__body tr td'],
  ['关爱', 'nav-care', '[data-test=care-summary-checkup]'],
  ['报表', 'nav-reports', '[data-test=report-sheets]'],
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `start` in the page, then waits (in the page) until `ready` shows text. */
async function timed(browser, start, ready) {
  return browser.executeAsync(
    (startSel, readySel, done) => {
      const t0 = performance.now();
      document.querySelector(startSel).click();
      const deadline = t0 + 60000;
      const check = () => {
        const el = document.querySelector(readySel);
        if (el && el.textContent.trim() !== '') done(Math.round(performance.now() - t0));
        else if (performance.now() > deadline) done(-1);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    },
    start,
    ready,
  );
}

const ledger = freshLedger();
console.log(`准备演示台账：${communities} 个社区、${workers} 人（${cliBinary}）…`);
const made = spawnSync(cliBinary, ['--db', ledger, 'demo', '--communities', String(communities), '--workers', String(workers)], {
  encoding: 'utf8',
});
if (made.status !== 0) throw new Error(made.stderr);

const opened = Date.now();
const driver = await startDriver(ledger);
const browser = await driver.open();
await browser.setWindowSize(1366, 768);
await browser.setTimeout({ script: 120000 });
// 首页 on start: from launching the app to its figures.
await browser.waitUntil(async () => (await browser.$$('[data-test=card-inPost] .card-value')).length > 0, {
  timeout: 120000,
});
const startMs = Date.now() - opened;
console.log(`程序：${appBinary}`);
console.log(`首页（启动，含打开程序和 WebDriver 会话）：${startMs} ms`);

const results = [];
for (const [label, nav, ready] of PAGES.filter(([label]) => !only || only.includes(label))) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    // From a light page, so the page measured is built afresh.
    await timed(browser, '[data-test=nav-settings]', '[data-test=settings-save]');
    await browser.pause(200);
    times.push(await timed(browser, `[data-test=${nav}]`, ready));
  }
  results.push([label, times]);
}
// The promotion run itself: click 测算 until the summary shows.
if (!only || only.includes('晋级测算')) {
  const times = [];
  await timed(browser, '[data-test=nav-grades]', '[data-test=run-propose]');
  for (let i = 0; i < runs; i++) {
    times.push(await timed(browser, '[data-test=run-propose]', '[data-test=run-summary]'));
  }
  results.push(['晋级测算（点“测算”）', times]);
}
console.log(`\n窗口速度（${workers} 人、${communities} 个社区，1366×768，每页 ${runs} 次，点菜单到表格或数字出现）：`);
for (const [label, times] of results) {
  const bad = times.some((t) => t < 0);
  console.log(
    `${label.padEnd(14, '　')} 中位数 ${String(median(times)).padStart(6)} ms   最大 ${String(Math.max(...times)).padStart(6)} ms${bad ? '   （有一次超过 60 秒未出现）' : ''}`,
  );
}
await browser.deleteSession().catch(() => {});
driver.stop();
