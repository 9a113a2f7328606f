#!/usr/bin/env node
/*
 * Plays one of alarmhub's video URLs in headless Chromium and prints what the page measured as one JSON object on
 * standard output (see player.js); the Java ITs (it/Chromium.java) run it and assert on that.
 *
 *   node play.mjs live|file URL SECONDS PROFILE_DIR
 *
 * live: an HTTP-FLV or WS-FLV URL through mpegts.js; file: a recording's URL in a plain <video>. The page and
 * mpegts.js are served from a loopback server of this script's own: an http:// origin, as a web app's page has.
 * Exits 0 when it measured (whatever the numbers), 1 when it could not (no browser, a page error), 2 on bad usage.
 */
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// What a bounded run of the browser needs, nothing that reaches out (updates, sync, QUIC probes).
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];
const FILES = {
  '/': ['player.html', 'text/html; charset=utf-8'],
  '/player.js': ['player.js', 'text/javascript; charset=utf-8'],
  '/mpegts.js': ['node_modules/mpegts.js/dist/mpegts.js', 'text/javascript; charset=utf-8'],
};

const [kind, url, secondsText, profile] = process.argv.slice(2);
const seconds = Number(secondsText);
if (!['live', 'file'].includes(kind) || !url || !(seconds > 0) || !profile) {
  console.error('usage: node play.mjs live|file URL SECONDS PROFILE_DIR');
  process.exit(2);
}
// The page gives up this long after it started: the first frame may wait for the camera's next keyframe.
const deadlineMs = (seconds + 30) * 1000;

/** The page, its script and mpegts.js, on a free loopback port. */
function servePage() {
  const server = http.createServer(async (request, response) => {
    const file = FILES[request.url];
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end(); // none, and no 404 in the page's log
      return;
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {'Content-Type': file[1], 'Cache-Control': 'no-store'});
    response.end(await fs.readFile(path.join(here, file[0])));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const server = await servePage();
let browser;
try {
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: FLAGS,
    // Puppeteer mutes headless audio by default; a muted element still decodes, but nothing should differ from a
    // viewer's browser.
    ignoreDefaultArgs: ['--mute-audio'],
    protocolTimeout: deadlineMs + 30_000,
  });
  const page = await browser.newPage();
  // The page's own messages (mpegts.js logs its warnings there) go to standard error, for a failing test's report.
  page.on('console', (message) => console.error(`page ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const report = await page.evaluate((kind, url, seconds, deadlineMs) => kind === 'live'
      ? playLive(url, seconds, deadlineMs) : playFile(url, seconds, deadlineMs), kind, url, seconds, deadlineMs);
  report.browser = await browser.version();
  process.stdout.write(JSON.stringify(report) + '\n');
} catch (error) {
  console.error(`play.mjs: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  if (browser) {
    await browser.close();
  }
  server.close();
}
