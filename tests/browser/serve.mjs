// The page of `handout serve` in Debian's Chromium, driven by puppeteer-core.
// usage: node serve.mjs CHROMIUM URL_WITH_TOKEN ARTIFACT_DIR
// Prints "ok: ..." / "FAILED: ..." per check and exits 1 when any failed.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [chromium, url, artifacts] = process.argv.slice(2);
fs.mkdirSync(artifacts, { recursive: true });
let failures = 0;
function check(what, ok, detail = '') {
  console.log(`${ok ? 'ok' : 'FAILED'}: ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
}
const copied = [
  'Home | Services | Contact us',
  'Skip to main content',
  '',
  'Caring for a sprained ankle',
  '',
  'Rest the ankle for two days and keep it raised on a pillow.',
  'Put an ice pack wrapped in a towel on it for 20 minutes at a time.',
  '',
  'Share this page | Print | Accessibility',
].join('\n');

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await page.type('#text', copied);
    await page.click('button[type=submit]');
    await page.waitForSelector('#links a', { timeout: 20000 });
    const messages = await page.$eval('#messages', (e) => e.innerText.trim());
    check(`${width} px: the left-out site menu is reported`, messages.includes('left out'), JSON.stringify(messages.slice(0, 120)));
    const links = await page.$$eval('#links a', (l) => l.map((a) => a.href));
    check(`${width} px: six links (open and download for three outputs)`, links.length === 6, String(links.length));
    const download = links.find((h) => h.includes('/pdf?download'));
    const status = await page.evaluate(async (h) => { const r = await fetch(h); return r.status + ' ' + r.headers.get('content-type'); }, download);
    check(`${width} px: the PDF download link answers`, status === '200 application/pdf', status);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${width} px: no horizontal scroll`, overflow <= 0, `scrollWidth - innerWidth = ${overflow}`);
    await page.screenshot({ path: path.join(artifacts, `serve-${width}.png`), fullPage: true });
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
