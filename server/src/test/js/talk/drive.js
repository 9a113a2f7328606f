// Drives headless Chromium through two-way talk for HemuTalkIT:
//
//   node drive.js TALK_URL TONE_WAV USER_DATA_DIR
//
// Serves talk.html on loopback (a secure context, as getUserMedia and AudioWorklet need), opens it in Chromium
// whose fake microphone plays TONE_WAV, and prints one JSON line per event on stdout: {"event":"talking",…} once
// the page sends PCM on the talk WebSocket, then, after "stop" on stdin, {"event":"stopped",…} with what the page
// sent and how its WebSocket closed. A failure prints {"event":"failed","error":…} and exits 1. stdin closing ends
// it too, so that the browser never outlives the test.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const readline = require('readline');
const puppeteer = require('puppeteer-core');

const FILES = { '/talk.html': 'text/html', '/page.js': 'text/javascript', '/capture-worklet.js': 'text/javascript' };
const START_TIMEOUT_MS = 30000;

function print(event) {
  process.stdout.write(JSON.stringify(event) + '\n');
}

function serve() {
  const server = http.createServer((request, response) => {
    const file = new URL(request.url, 'http://127.0.0.1').pathname;
    if (!FILES[file]) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': FILES[file], 'Cache-Control': 'no-store' });
    response.end(fs.readFileSync(path.join(__dirname, file)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function stopRequested() {
  return new Promise((resolve) => {
    const lines = readline.createInterface({ input: process.stdin });
    lines.on('line', (line) => line.trim() === 'stop' && resolve('stop'));
    lines.on('close', () => resolve('stdin closed'));
  });
}

async function main() {
  const [talkUrl, toneWav, userDataDir] = process.argv.slice(2);
  if (!talkUrl || !toneWav || !userDataDir) {
    throw new Error('usage: node drive.js TALK_URL TONE_WAV USER_DATA_DIR');
  }
  const stop = stopRequested();
  const server = await serve();
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
      '--use-file-for-fake-audio-capture=' + toneWav],
  });
  try {
    const page = await browser.newPage();
    page.on('console', (message) => process.stderr.write('page: ' + message.text() + '\n'));
    page.on('pageerror', (error) => process.stderr.write('page error: ' + error + '\n'));
    const origin = 'http://127.0.0.1:' + server.address().port;
    await page.goto(origin + '/talk.html?url=' + encodeURIComponent(talkUrl));
    await page.waitForFunction(() => window.talk.state === 'talking' || window.talk.state === 'failed',
      { timeout: START_TIMEOUT_MS, polling: 100 });
    let talk = await page.evaluate(() => window.talk);
    if (talk.state !== 'talking') {
      throw new Error(talk.error);
    }
    print({ event: 'talking', contextRate: talk.contextRate });
    print({ event: 'stop', why: await stop });
    await page.evaluate(() => window.stopTalking && window.stopTalking());
    await page.waitForFunction(() => window.talk.state === 'stopped' || window.talk.state === 'failed',
      { timeout: 10000, polling: 100 });
    talk = await page.evaluate(() => window.talk);
    print({ event: talk.state, ...talk });
  } finally {
    await browser.close();
    server.close();
  }
}

main().then(() => process.exit(0), (error) => {
  print({ event: 'failed', error: String(error && error.message || error) });
  process.exit(1);
});
