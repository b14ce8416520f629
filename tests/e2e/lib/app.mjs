// Starts the real built app through tauri-driver (WebKitWebDriver underneath) on a fresh
// ledger, and offers the few interactions Element Plus needs under WebKitGTK.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, mkdirSync, openSync, readSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const win = process.platform === 'win32';
const exe = win ? 'shegong-app.exe' : 'shegong-app';
export const appBinary = process.env.SHEGONG_APP ?? path.join(root, 'target', 'debug', exe);
/** The command-line front, used to prepare ledgers (demo data) before the app starts. */
export const cliBinary = process.env.SHEGONG_CLI ?? path.join(root, 'target', 'debug', 'shegong' + (win ? '.exe' : ''));
export const screenshotDir = path.join(root, 'tests', 'e2e', 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

/** A fresh, empty ledger path in a temporary folder: never the clerk's real one. */
export function freshLedger() {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'shegong-e2e-')), 'ledger.db');
}

function waitForPort(port, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(); });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

let nextPort = 4444;

/** A fresh, empty temporary folder (for exported files and the like). */
export function freshDir(prefix = 'shegong-e2e-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts tauri-driver with the ledger path, and any extra variables, in its environment
 * (the app inherits it). Returns { open(), stop() }: open() launches the app and returns a
 * WebdriverIO browser.
 */
export async function startDriver(ledgerPath, extraEnv = {}) {
  const port = nextPort;
  nextPort += 2;
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(port + 1)], {
    // Skia's GPU painting thread on Mesa's software GL under Xvfb crashed the WebKit process once
    // (segfault in swrast_dri.so, every later test "invalid session id"): paint on the CPU.
    // A config folder of its own: the window's saved size and position (window-state plugin)
    // must not carry from one test into the next.
    env: {
      WEBKIT_SKIA_ENABLE_CPU_RENDERING: '1',
      ...process.env,
      XDG_CONFIG_HOME: mkdtempSync(path.join(os.tmpdir(), 'shegong-e2e-config-')),
      // And the web page's own storage (the roster's remembered columns) starts empty.
      XDG_DATA_HOME: mkdtempSync(path.join(os.tmpdir(), 'shegong-e2e-data-')),
      ...extraEnv,
      SHEGONG_DB: ledgerPath,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port);
  return {
    async open() {
      const browser = await remote({
        hostname: '127.0.0.1',
        port,
        logLevel: 'error',
        capabilities: {
          'tauri:options': { application: appBinary },
          'wdio:enforceWebDriverClassic': true,
        },
      });
      await browser.setTimeout({ implicit: 0 });
      return browser;
    },
    stop() {
      driver.kill();
      killAppsOn(ledgerPath);
    },
  };
}

/**
 * Ends any app still running on this test's ledger. When a session ends badly (the page was
 * reloading, or WebKit crashed) the app outlives tauri-driver; it holds the test runner's
 * stderr, and the runner then never exits. Linux only, like the end-to-end tests.
 */
function killAppsOn(ledgerPath) {
  if (process.platform !== 'linux') return;
  const mark = `SHEGONG_DB=${ledgerPath}`;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(mark)) {
        process.kill(Number(pid), 'SIGKILL');
      }
    } catch {
      // Gone already, or not ours to read.
    }
  }
}

export async function screenshot(browser, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  // A picture of a half-faded loading mask or a tab bar mid-slide shows nothing useful:
  // wait for masks to go (a page still loading after that is pictured as it is), then let
  // Element Plus's 0.3 s transitions finish.
  await browser
    .waitUntil(
      async () => {
        for (const el of await browser.$$('.el-loading-mask')) {
          if (await el.isDisplayed()) return false;
        }
        return true;
      },
      { timeout: 5000 },
    )
    .catch(() => {});
  await browser.pause(350);
  await browser.saveScreenshot(file);
  return file;
}

/**
 * The first displayed element matching the selector: dialogs stay in the page once opened,
 * so the same data-test can stand in a hidden dialog too.
 */
export async function visible(browser, selector, timeout = 10000) {
  let found;
  await browser.waitUntil(
    async () => {
      for (const el of await browser.$$(selector)) {
        if (await el.isDisplayed()) {
          found = el;
          return true;
        }
      }
      return false;
    },
    { timeout, timeoutMsg: `nothing visible matches ${selector}` },
  );
  return found;
}

/**
 * Types into an Element Plus input so that Vue's v-model sees it (clearValue does not), and
 * checks it stuck: a dialog that is still opening may reset its form under the keystrokes.
 */
export async function typeInto(browser, selector, text) {
  for (let attempt = 1; ; attempt++) {
    const input = await visible(browser, selector);
    await input.click();
    await browser.keys(['Control', 'a']);
    await browser.keys('Backspace');
    if (text) await input.addValue(text);
    await browser.pause(200);
    const value = await input.getValue();
    if (value === text || attempt === 3) return input;
  }
}

/**
 * Opens an el-select and clicks the visible option with exactly this text. Options of every
 * select on the page live in <body>, so the same text can stand in a hidden list too.
 */
export async function choose(browser, selectSelector, optionText) {
  const xpath = `//li[contains(@class,'el-select-dropdown__item')][normalize-space(.)='${optionText}']`;
  const shownOption = async () => {
    for (const option of await browser.$$(xpath)) {
      if (await option.isDisplayed()) return option;
    }
    return undefined;
  };
  // A click can land while the form is still moving (an error line above the select goes away
  // and everything below shifts up), and then no list opens: click again after a while.
  let target;
  const deadline = Date.now() + 10000;
  while (!target && Date.now() < deadline) {
    const select = await visible(browser, selectSelector);
    await select.click();
    try {
      await browser.waitUntil(async () => (target = await shownOption()) !== undefined, {
        timeout: Math.min(3000, Math.max(500, deadline - Date.now())),
      });
    } catch {
      target = await shownOption();
    }
  }
  if (!target) throw new Error(`no visible option “${optionText}” in ${selectSelector}`);
  await target.click();
  // Let the dropdown close before the next interaction.
  await browser.pause(200);
}

/** Waits until some element matching the selector shows text containing `text`. */
export async function waitForText(browser, selector, text, timeout = 10000) {
  await browser.waitUntil(
    async () => {
      const els = await browser.$$(selector);
      for (const el of els) {
        // textContent, not getText(): WebKitWebDriver's visible-text algorithm drops some
        // table cells (el-table's), though they are plainly on screen.
        if (!(await el.isDisplayed())) continue;
        const content = await browser.execute((e) => e.textContent ?? '', el);
        if (content.includes(text)) return true;
      }
      return false;
    },
    { timeout, timeoutMsg: `no ${selector} showing “${text}” within ${timeout} ms` },
  );
}

/** A valid 18-character ID number (GB 11643) for a birth date and sequence. */
export function idNumber(birth, seq) {
  const first17 = `330106${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, c, i) => acc + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** Clicks an element once it can be clicked. */
export async function click(browser, selector) {
  const el = await visible(browser, selector);
  await el.waitForClickable({ timeout: 10000 });
  await el.click();
}

/** Opens a dialog and waits out its opening animation, which focuses and resets the form. */
export async function openDialog(browser, selector) {
  await click(browser, selector);
  await browser.waitUntil(
    async () => {
      for (const d of await browser.$$('.el-dialog')) if (await d.isDisplayed()) return true;
      return false;
    },
    { timeout: 10000, timeoutMsg: `no dialog opened by ${selector}` },
  );
  await browser.pause(600);
}

/**
 * Closes the open form dialog with its × after typing into it: the app asks
 * "放弃已填写的内容？" and the clerk answers 放弃. `shot` names a screenshot of the question.
 */
export async function discardDialog(browser, shot = null) {
  await click(browser, '.el-dialog__headerbtn');
  await waitForText(browser, '.el-message-box', '放弃已填写的内容？');
  if (shot) await screenshot(browser, shot);
  const discard = await browser.$('//div[contains(@class,"el-message-box")]//button[normalize-space()="放弃"]');
  await discard.click();
  await browser.waitUntil(async () => !(await (await browser.$('.el-message-box')).isDisplayed().catch(() => false)), {
    timeout: 5000,
    timeoutMsg: 'the question stayed open',
  });
  await browser.pause(500);
}

/** The text of the first displayed element matching the selector. */
export async function textOf(browser, selector) {
  const el = await visible(browser, selector);
  return (await browser.execute((e) => e.textContent ?? '', el)).trim();
}

/**
 * A demo street made by the CLI (`demo` with these arguments) in a fresh ledger, and the app
 * opened on it. Returns { browser, stop() }.
 */
export async function openDemo(demoArgs, extraEnv = {}) {
  const ledger = freshLedger();
  const demo = spawnSync(cliBinary, ['--db', ledger, 'demo', ...demoArgs], { encoding: 'utf8' });
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr || demo.error}`);
  const driver = await startDriver(ledger, extraEnv);
  const browser = await driver.open();
  return {
    browser,
    /** The ledger file, for the command line to read alongside the window. */
    ledger,
    async stop() {
      await browser.deleteSession().catch(() => {});
      driver.stop();
    },
  };
}

/** Today as YYYY-MM-DD, local time (as the app's date pickers show it). */
export function todayText() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** In the open people picker: narrows to a community, ticks everyone who may be ticked. */
export async function pickWholeCommunity(browser, community) {
  await choose(browser, '[data-test=picker-community]', community);
  await waitForText(browser, '[data-test=picker-table]', community);
  await browser.pause(500);
  await click(browser, '[data-test=picker-select-all]');
  await browser.waitUntil(async () => !(await textOf(browser, '[data-test=picker-count]')).includes('已选 0 人'), {
    timeout: 10000,
    timeoutMsg: 'nobody was ticked',
  });
}

/** Asserts that `dir/file` is an xlsx (a zip: "PK" first) of more than `minBytes`. */
export function assertWorkbook(dir, file, minBytes) {
  const full = path.join(dir, file);
  const head = Buffer.alloc(2);
  const fd = openSync(full, 'r');
  readSync(fd, head, 0, 2, 0);
  closeSync(fd);
  if (head.toString('latin1') !== 'PK') throw new Error(`${file} is not a zip`);
  const size = statSync(full).size;
  if (size <= minBytes) throw new Error(`${file} has only ${size} bytes`);
}
