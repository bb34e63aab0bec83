// The widget in two more engines, through WebDriver: Firefox ESR (geckodriver, headless) and
// WebKit (WebKitGTK's WebKitWebDriver driving MiniBrowser, on Xvfb when there is no display).
//
//   node --test --test-concurrency=1 tests/engines/engines.test.mjs
//
// Input: a built dist/ (env NET_GUIDE_DIST, default this repository's dist/). The test copies it
// to a temporary folder, adds errors.js (records uncaught errors, unhandled rejections, CSP
// violations and console.error in window.__ngErrors, since WebDriver classic cannot read the
// console) and engines.html (dist/index.html with errors.js loaded before the widget), and
// serves that folder itself on 127.0.0.1 with the project's Content-Security-Policy.
//
// Environment:
//   NET_GUIDE_ENGINES  engines to run, comma-separated (default "firefox,webkit"); a missing
//                      driver or browser of a listed engine FAILS the test with how to install it
//   NET_GUIDE_DIST     dist folder to test (default <repo>/dist)
//   NET_GUIDE_URL      when set, each engine also checks that the demo page served there loads
//   GECKODRIVER        geckodriver (default: $CARGO_HOME/bin or ~/.cargo/bin, then PATH)
//   FIREFOX            Firefox binary (default /usr/bin/firefox-esr)
//   WEBKIT_DRIVER      WebKitWebDriver (default /usr/bin/WebKitWebDriver)
//   WEBKIT_BROWSER     MiniBrowser (default /usr/lib/<arch>/webkit2gtk-4.*/MiniBrowser)
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Builder, Key, WebDriver } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import remote from 'selenium-webdriver/remote/index.js';
import wdHttp from 'selenium-webdriver/http/index.js';
import portprober from 'selenium-webdriver/net/portprober.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const DIST = path.resolve(process.env.NET_GUIDE_DIST || path.join(REPO, 'dist'));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const ALL_ENGINES = ['firefox', 'webkit'];
const ENGINES = (process.env.NET_GUIDE_ENGINES || ALL_ENGINES.join(','))
  .split(/[\s,]+/)
  .filter(Boolean);
const UNKNOWN = ENGINES.filter((e) => !ALL_ENGINES.includes(e));
if (UNKNOWN.length > 0) {
  throw new Error(`NET_GUIDE_ENGINES lists unknown engines (${UNKNOWN.join(', ')}); known: ${ALL_ENGINES.join(', ')}`);
}

// Generous: WebKit's first load of the wasm is slow on a small machine.
const SESSION_TIMEOUT = 120_000;
const READY_TIMEOUT = 90_000;
const STEP_TIMEOUT = 30_000;

// ---------------------------------------------------------------------------------------------
// Tools and browsers

const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

const onPath = (name) =>
  (process.env.PATH || '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, name))
    .find(isExecutable);

/** Returns the first executable candidate, or throws `help` naming where it looked. */
function locate(engine, what, candidates, help) {
  const found = candidates.filter(Boolean).find(isExecutable);
  if (found) return found;
  const looked = candidates.filter(Boolean).join(', ') || '(nowhere)';
  const others = ALL_ENGINES.filter((e) => e !== engine).join(',');
  throw new Error(
    `${engine}: ${what} not found (looked at: ${looked}). ${help} ` +
      `To run only the other engine(s), set NET_GUIDE_ENGINES=${others}.`,
  );
}

function geckodriverPath() {
  const cargoBin = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin', 'geckodriver');
  const explicit = process.env.GECKODRIVER;
  return locate(
    'firefox',
    'geckodriver',
    explicit ? [explicit] : [cargoBin, onPath('geckodriver')],
    'Install it with `cargo install geckodriver --locked` (Debian has no package), or set GECKODRIVER=/path/to/geckodriver.',
  );
}

function firefoxPath() {
  return locate(
    'firefox',
    'Firefox ESR',
    [process.env.FIREFOX || '/usr/bin/firefox-esr'],
    'Install it with `apt-get install -y --no-install-recommends firefox-esr`, or set FIREFOX=/path/to/firefox.',
  );
}

function webkitDriverPath() {
  return locate(
    'webkit',
    'WebKitWebDriver',
    [process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver'],
    'Install it with `apt-get install -y --no-install-recommends webkit2gtk-driver`, or set WEBKIT_DRIVER=/path/to/WebKitWebDriver.',
  );
}

function miniBrowserPath() {
  const candidates = [];
  if (process.env.WEBKIT_BROWSER) {
    candidates.push(process.env.WEBKIT_BROWSER);
  } else {
    for (const lib of ['/usr/lib', '/usr/libexec']) {
      const dirs = [lib];
      try {
        for (const d of fs.readdirSync(lib)) if (d.endsWith('-linux-gnu')) dirs.push(path.join(lib, d));
      } catch {
        // no such folder
      }
      for (const dir of dirs) {
        try {
          for (const d of fs.readdirSync(dir).filter((d) => /^webkit2?gtk-[0-9.]+$/.test(d)).sort().reverse()) {
            candidates.push(path.join(dir, d, 'MiniBrowser'));
          }
        } catch {
          // unreadable
        }
      }
    }
    if (candidates.length === 0) candidates.push('/usr/lib/<arch>/webkit2gtk-4.1/MiniBrowser');
  }
  return locate(
    'webkit',
    'MiniBrowser',
    candidates,
    'It comes with libwebkit2gtk-4.1-0: `apt-get install -y --no-install-recommends webkit2gtk-driver`, or set WEBKIT_BROWSER=/path/to/MiniBrowser.',
  );
}

/** WebKitGTK's MiniBrowser has no headless mode: it needs an X (or Wayland) display. When the
 * environment has none, starts Xvfb on a free display number and returns its environment. */
async function ensureDisplay() {
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { env: {}, stop: () => {} };
  const xvfb = locate(
    'webkit',
    'Xvfb (MiniBrowser needs a display and none is set)',
    [onPath('Xvfb'), '/usr/bin/Xvfb'],
    'Install it with `apt-get install -y --no-install-recommends xvfb`, or run with a DISPLAY.',
  );
  const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1600x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start in 20 s: ${stderr}`)), 20_000);
    child.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}): ${stderr}`));
    });
  });
  const stop = () => {
    if (child.exitCode === null) child.kill();
  };
  process.once('exit', stop);
  return { env: { DISPLAY: display }, stop };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

const ENGINE_SETUP = {
  async firefox() {
    const driverPath = geckodriverPath();
    const binary = firefoxPath();
    const options = new firefox.Options().setBinary(binary).addArguments('-headless');
    const service = new firefox.ServiceBuilder(driverPath).setLoopback(true);
    const driver = await withTimeout(
      new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build(),
      SESSION_TIMEOUT,
      `starting Firefox (${binary}) through ${driverPath}`,
    );
    return { driver, stop: () => {} };
  },

  async webkit() {
    const driverPath = webkitDriverPath();
    const binary = miniBrowserPath();
    const display = await ensureDisplay();
    const port = await portprober.findFreePort();
    const service = new remote.DriverService(driverPath, {
      port,
      args: [`--port=${port}`],
      loopback: true,
      env: { ...process.env, ...display.env },
      stdio: 'ignore',
    });
    const capabilities = {
      browserName: 'MiniBrowser',
      // --automation is what WebKitWebDriver needs; MiniBrowser (GTK) has no --headless.
      'webkitgtk:browserOptions': { binary, args: ['--automation'] },
    };
    let driver;
    try {
      const url = await service.start(30_000);
      driver = await withTimeout(
        WebDriver.createSession(new wdHttp.Executor(new wdHttp.HttpClient(url)), capabilities, () => service.kill()),
        SESSION_TIMEOUT,
        `starting MiniBrowser (${binary}) through ${driverPath} on DISPLAY=${display.env.DISPLAY ?? process.env.DISPLAY ?? process.env.WAYLAND_DISPLAY}`,
      );
    } catch (e) {
      await service.kill();
      display.stop();
      throw e;
    }
    return { driver, stop: display.stop };
  },
};

// ---------------------------------------------------------------------------------------------
// The page under test: a copy of dist/ plus errors.js and engines.html, served with the CSP.

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function prepareSite() {
  if (!fs.existsSync(path.join(DIST, 'index.html')) || !fs.existsSync(path.join(DIST, 'net-guide.js'))) {
    throw new Error(`${DIST} holds no built widget (index.html, net-guide.js): build it with \`cargo xtask build\`, or set NET_GUIDE_DIST.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-guide-engines-'));
  fs.cpSync(DIST, dir, { recursive: true });
  fs.copyFileSync(path.join(HERE, 'errors.js'), path.join(dir, 'errors.js'));
  // Loaded on demand by the last check, to prove the recorder sees errors in this engine.
  fs.writeFileSync(
    path.join(dir, 'probe.js'),
    "setTimeout(() => { throw new Error('probe 1'); });\nPromise.reject(new Error('probe 2'));\nconsole.error('probe 3');\n",
  );
  const index = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const at = index.indexOf('<script');
  assert.ok(at > 0, 'dist/index.html loads the widget with a <script> tag');
  fs.writeFileSync(
    path.join(dir, 'engines.html'),
    `${index.slice(0, at)}<script src="errors.js"></script>\n  ${index.slice(at)}`,
  );
  return dir;
}

function serve(dir) {
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.resolve(dir, `.${urlPath}`);
    if (file !== dir && !file.startsWith(dir + path.sep)) file = null;
    else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (!['GET', 'HEAD'].includes(req.method)) {
      res.writeHead(405, { ...headers, 'Content-Type': 'text/plain' }).end('method not allowed');
    } else if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    } else {
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        ...headers,
        'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

let siteDir;
let server;
let pageUrl;
before(async () => {
  siteDir = prepareSite();
  server = await serve(siteDir);
  pageUrl = `http://127.0.0.1:${server.address().port}/engines.html`;
});
after(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Helpers over the widget's open shadow root

const SHADOW = "const host = document.querySelector('net-guide'); const root = host && host.shadowRoot;";

/** Polls `check` (async, returns a truthy value when done) every 100 ms until `timeout`. */
async function until(what, check, timeout = STEP_TIMEOUT) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeout) {
      const detail = last instanceof Error ? `${last.name}: ${last.message}` : JSON.stringify(last);
      throw new Error(`timed out after ${timeout / 1000} s waiting for ${what} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first element in the shadow root matching `selector` (whose text matches `text`). */
function find(driver, selector, text) {
  return driver.executeScript(
    `${SHADOW}
     if (!root) return null;
     const re = arguments[1] === null ? null : new RegExp(arguments[1]);
     return [...root.querySelectorAll(arguments[0])].find((e) => !re || re.test(e.textContent)) || null;`,
    selector,
    text ? text.source : null,
  );
}

async function mustFind(driver, selector, text, timeout) {
  return until(`${selector}${text ? ` with text ${text}` : ''} in the shadow root`, () => find(driver, selector, text), timeout);
}

/** Clicks (a real WebDriver click) the element, retrying while the widget re-renders. */
async function click(driver, selector, text) {
  await until(`a click on ${selector}${text ? ` ${text}` : ''}`, async () => {
    const el = await find(driver, selector, text);
    if (!el) return false;
    await el.click();
    return true;
  });
}

const shadowText = (driver, selector) =>
  driver.executeScript(`${SHADOW} const el = root && root.querySelector(arguments[0]); return el ? el.innerText : null;`, selector);

const count = (driver, selector) =>
  driver.executeScript(`${SHADOW} return root ? root.querySelectorAll(arguments[0]).length : -1;`, selector);

/** The widget has mounted (its wasm runs, not only the pre-rendered HTML) and shows its title. */
async function waitReady(driver, { recorder = true } = {}) {
  return until(
    'the widget to load (net-guide:ready, one .ng-root with its .ng-title)',
    () =>
      driver.executeScript(
        `${SHADOW}
         const failed = root && root.querySelector('.ng-load-failed');
         if (failed) return 'failed: ' + failed.textContent;
         if (!root || !host.handle) return false;
         if (arguments[0] && !window.__ngReady) return false;
         const title = root.querySelector('.ng-root .ng-title');
         return root.querySelectorAll('.ng-root').length === 1 && title ? title.textContent : false;`,
        recorder,
      ),
    READY_TIMEOUT,
  );
}

// ---------------------------------------------------------------------------------------------
// The checks, once per engine

for (const engine of ENGINES) {
  describe(engine, () => {
    let driver;
    let stop = () => {};
    const errors = [];
    let loads = 0;

    /** Keeps what the recorder saw on the current page before leaving it. */
    let collected = 0;
    async function collect() {
      if (loads === 0 || collected === loads) return;
      collected = loads;
      const seen = await driver.executeScript('return window.__ngErrorsInstalled ? window.__ngErrors.slice() : null');
      if (seen === null) errors.push(`load ${loads}: errors.js did not run, so errors could not be recorded`);
      else errors.push(...seen.map((e) => `load ${loads}: ${e}`));
    }

    /** Opens the test page with empty storage and waits for the widget. */
    async function open() {
      await collect();
      await driver.get(pageUrl);
      loads += 1;
      const stored = await driver.executeScript('const n = localStorage.length; localStorage.clear(); return n;');
      if (stored > 0) {
        await collect();
        await driver.navigate().refresh();
        loads += 1;
      }
      const title = await waitReady(driver);
      assert.doesNotMatch(title, /^failed/, title);
      return title;
    }

    before(async () => {
      ({ driver, stop } = await ENGINE_SETUP[engine]());
      try {
        await driver.manage().window().setRect({ width: 1000, height: 1400 });
      } catch {
        // Some window managers refuse; the page works at any size.
      }
    });
    after(async () => {
      try {
        await driver?.quit();
      } finally {
        stop();
      }
    });

    test('loading: the title and the article show inside the shadow root', async () => {
      const title = await open();
      assert.match(title, /What is the definition and treatment of neuroendocrine tumors\?/);
      const article = await mustFind(driver, '.ng-article');
      assert.ok(await article.isDisplayed(), 'the article is visible');
      const text = await article.getText();
      assert.match(text, /The short answer/);
      assert.match(text, /neuroendocrine tumor/i);
      assert.match(await shadowText(driver, '.ng-root'), /Which best describes you\?/);
    });

    test('audience switch: choosing Clinician rewrites the article', async () => {
      await open();
      const patient = await shadowText(driver, '.ng-article');
      assert.ok(await driver.executeScript(`${SHADOW} return root.querySelector('.ng-root').classList.contains('ng-audience-patient')`));
      await click(driver, 'input[type=radio][value=clinician]');
      await until('the clinician article', () =>
        driver.executeScript(`${SHADOW} return root.querySelector('.ng-root').classList.contains('ng-audience-clinician')`),
      );
      const radio = await mustFind(driver, 'input[type=radio][value=clinician]');
      assert.ok(await radio.isSelected(), 'the clinician radio is checked');
      const clinician = await until('the article text to change', async () => {
        const t = await shadowText(driver, '.ng-article');
        return t && t !== patient ? t : false;
      });
      assert.notEqual(clinician, patient);
    });

    test('tailoring: answer questions, then the options show', async () => {
      await open();
      const question = () => shadowText(driver, '.ng-question legend h3');
      await click(driver, '.ng-nav-btn', /Tailor to my situation/);
      await until('the first question', async () => /Where did the tumor start/.test((await question()) ?? ''));
      assert.equal(await count(driver, '.ng-choice-unsure'), 1, 'every question offers "I\'m not sure"');

      const answer = async (label) => {
        const before = await question();
        await click(driver, '.ng-choice', label);
        await until(`${label} to be checked`, async () => {
          const el = await find(driver, '.ng-choice', label);
          return el && (await driver.executeScript('return arguments[0].querySelector("input").checked', el));
        });
        await click(driver, '.ng-tailor-nav .ng-primary');
        await until(`the question after "${before}"`, async () => {
          const now = await question();
          return now && now !== before;
        });
      };
      await answer(/^\s*Pancreas\s*$/);
      await answer(/Well differentiated/);
      await answer(/Grade 3 NET/);
      await click(driver, '.ng-tailor-nav button', /Skip/);
      await mustFind(driver, '.ng-results');
      const options = await until('the tailored options', async () => {
        const ids = await driver.executeScript(
          `${SHADOW} return [...root.querySelectorAll('.ng-options .ng-option')].map((e) => e.dataset.option);`,
        );
        return ids.length > 0 ? ids : false;
      });
      assert.ok(options.every((id) => typeof id === 'string' && id.length > 0), JSON.stringify(options));
      assert.match(await shadowText(driver, '.ng-answers'), /Pancreas/);
      const results = await mustFind(driver, '.ng-results');
      assert.ok(await results.isDisplayed(), 'the results are visible');
    });

    test('a follow-up question is answered in a reply card', async () => {
      await open();
      const question = 'what are the side effects of lutathera';
      const before = await count(driver, '.ng-reply');
      const box = await mustFind(driver, '.ng-ask-form input');
      await box.sendKeys(question, Key.ENTER);
      await until('a reply card', async () => (await count(driver, '.ng-reply')) > before);
      const reply = await driver.executeScript(`${SHADOW} const r = root.querySelectorAll('.ng-reply'); return r[r.length - 1].innerText;`);
      assert.match(reply, new RegExp(`You asked: ${question}`));
      assert.match(reply, /PRRT/);
      assert.equal(await (await mustFind(driver, '.ng-ask-form input')).getAttribute('value'), '', 'the box is cleared');
    });

    test('no console errors, uncaught errors or CSP violations', async () => {
      // Everything the page reported while the checks above ran (one page load per check).
      await collect();
      assert.ok(loads >= 4, `the page was loaded for every check (${loads})`);
      assert.deepEqual(errors, [], `${engine} reported errors`);
      // The recorder works in this engine: probe.js, run by the page itself (a WebDriver script
      // runs in its own realm in Firefox), makes each kind of error once.
      await driver.get(pageUrl);
      loads = 0;
      await driver.executeScript(
        "const s = document.createElement('script'); s.src = 'probe.js'; document.head.append(s);",
      );
      const seen = await until('the recorder to see the probe errors', async () => {
        const e = await driver.executeScript('return window.__ngErrors.slice()');
        return e.length >= 3 ? e : false;
      });
      assert.ok(seen.some((e) => /^uncaught: .*probe 1/.test(e)), JSON.stringify(seen));
      assert.ok(seen.some((e) => /^unhandled rejection: .*probe 2/.test(e)), JSON.stringify(seen));
      assert.ok(seen.some((e) => /^console.error: probe 3/.test(e)), JSON.stringify(seen));
    });

    test('the demo page at NET_GUIDE_URL loads', async (t) => {
      if (!process.env.NET_GUIDE_URL) {
        t.skip('NET_GUIDE_URL is not set (the checks above ran on their own server over NET_GUIDE_DIST)');
        return;
      }
      await driver.get(process.env.NET_GUIDE_URL);
      const title = await waitReady(driver, { recorder: false });
      assert.match(title, /What is the definition and treatment of neuroendocrine tumors\?/);
    });
  });
}
