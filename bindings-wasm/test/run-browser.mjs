#!/usr/bin/env node
// Run the touchpoint-wasm browser tests in Debian's headless chromium.
//
//   node bindings-wasm/test/run-browser.mjs [PAGE]
//     PAGE  URL path (with optional query) of the test page, relative to the
//           repo root; default /bindings-wasm/test/browser.html
//   env CHROMIUM_PATH  browser binary (default /usr/bin/chromium)
//   env TEST_TIMEOUT_MS  how long to wait for results (default 600000: the bad-input matrix
//                        reads a 100 MiB line and runs options that allocate without bound)
//
// Serves the repo root on 127.0.0.1:<random port> (so the page can load
// /bindings-wasm/pkg/*, /vectors/*.json, /docs/...), opens PAGE, waits for
// window.__results = { passed, failed, failures: [{name, message}], done: true },
// forwards the page's console output and errors, and ends with the line
//   wasm (chromium): N passed, M failed
// Exit status is non-zero if M > 0, N == 0, or on timeout / launch failure.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PAGE = process.argv[2] ?? '/bindings-wasm/test/browser.html';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS ?? 600_000);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm', // required by WebAssembly.instantiateStreaming
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Minimal static file server rooted at the repo (GET/HEAD only, no listings).
function serve(req, res) {
  const reply = (code, text) => {
    res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(text);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'method not allowed');
  if (req.url === '/favicon.ico') return res.writeHead(204).end(); // keep the console clean
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return reply(400, 'bad url');
  }
  const file = resolve(join(ROOT, path));
  if (file !== ROOT && !file.startsWith(ROOT + sep)) return reply(403, 'forbidden');
  stat(file).then(
    (st) => {
      if (!st.isFile()) return reply(404, 'not found');
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    },
    () => reply(404, 'not found'),
  );
}

const summary = (passed, failed) => console.log(`wasm (chromium): ${passed} passed, ${failed} failed`);

async function main() {
  const server = createServer(serve);
  await new Promise((ok, err) => server.once('error', err).listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage();
    page.on('console', (msg) => {
      const type = msg.type();
      const tag = type === 'log' || type === 'info' ? '' : `${type}: `;
      console.log(`[browser] ${tag}${msg.text()}`);
    });
    page.on('pageerror', (err) => console.log(`[browser] page error: ${err.stack ?? err}`));
    page.on('response', (r) => {
      if (r.status() >= 400) console.log(`[browser] HTTP ${r.status()} ${r.url().replace(base, '')}`);
    });
    page.on('requestfailed', (r) =>
      console.log(`[browser] request failed: ${r.url().replace(base, '')} (${r.failure()?.errorText})`),
    );

    const url = new URL(PAGE, base).href;
    console.log(`run-browser: ${url} in ${CHROMIUM} (${browser.version()})`);
    const response = await page.goto(url);
    if (!response?.ok()) throw new Error(`GET ${PAGE}: HTTP ${response?.status()}`);
    try {
      await page.waitForFunction(() => window.__results?.done === true, null, { timeout: TIMEOUT_MS });
    } catch (err) {
      throw new Error(`timed out after ${TIMEOUT_MS / 1000} s waiting for window.__results.done`);
    }
    const { passed = 0, failed = 0, failures = [] } = await page.evaluate(() => window.__results);

    for (const f of failures) console.log(`FAIL ${f.name}\n     ${String(f.message).replace(/\n/g, '\n     ')}`);
    if (passed === 0 && failed === 0) console.log('run-browser: no tests ran');
    summary(passed, failed);
    return failed === 0 && passed > 0 ? 0 : 1;
  } catch (err) {
    console.log(`run-browser: ERROR: ${err.message ?? err}`);
    summary(0, 1); // count the broken run as one failure
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    server.closeAllConnections();
    server.close();
  }
}

process.exitCode = await main();
