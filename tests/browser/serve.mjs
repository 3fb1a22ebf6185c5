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

const axeSource = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
// axe-core's WCAG 2.x A/AA rules and best practices on the page as it is now: 0 violations.
async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return { passes: r.passes.length, violations: r.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')})`) };
  });
  check(`${what}: axe-core ran its rules`, found.passes > 10, `${found.passes} rules passed`);
  check(`${what}: axe-core finds no violation`, found.violations.length === 0, found.violations.join('; '));
}

// The old headless shell runs in one process (a third of the full browser's CPU time); the full
// browser's PDF viewer needs its processes.
const oneProcess = path.basename(chromium).includes('headless-shell') ? ['--single-process'] : [];
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', ...oneProcess] });
try {
  let page = await browser.newPage();
  await page.setBypassCSP(true);  // axe-core is injected as a script
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await page.type('#text', copied);
    await page.click('button[type=submit]');
    await page.waitForSelector('#links a', { timeout: 20000 });
    const messages = await page.$eval('#messages', (e) => e.innerText.trim());
    check(`${width} px: the left-out site menu is reported`, messages.includes('left out'), JSON.stringify(messages.slice(0, 120)));
    const links = await page.$$eval('#links a', (l) => l.map((a) => a.href));
    check(`${width} px: seven links (open and download for three outputs, all as a ZIP)`, links.length === 7, String(links.length));
    const zip = links.find((h) => h.endsWith('/zip'));
    const zipStatus = zip ? await page.evaluate(async (h) => { const r = await fetch(h); return r.status + ' ' + r.headers.get('content-type'); }, zip) : 'none';
    check(`${width} px: the ZIP link answers`, zipStatus === '200 application/zip', zipStatus);
    const download = links.find((h) => h.includes('/pdf?download'));
    const status = await page.evaluate(async (h) => { const r = await fetch(h); return r.status + ' ' + r.headers.get('content-type'); }, download);
    check(`${width} px: the PDF download link answers`, status === '200 application/pdf', status);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${width} px: no horizontal scroll`, overflow <= 0, `scrollWidth - innerWidth = ${overflow}`);
    await axe(page, `${width} px: the page with a result`);
    await page.screenshot({ path: path.join(artifacts, `serve-${width}.png`), fullPage: true });
  }
  // A Markdown file chosen with the file picker (sample text written for this test), in Spanish
  // chosen from the language list: the handout comes back with Spanish page words.
  const upload = path.join(artifacts, 'upload-sample.md');
  fs.writeFileSync(upload, '# Cuidar un corte\n\nMaterial de ejemplo para probar handout.\n\n' +
    'Lave el corte con agua limpia y cúbralo con una venda.\n\n## Cuándo llamar\n\nLlame si la herida se pone roja o caliente.\n');
  await page.close();
  page = await browser.newPage();
  await page.setViewport({ width: 390, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  const picker = await page.$('#file');
  await picker.uploadFile(upload);
  await page.select('#lang', 'es');
  await page.click('button[type=submit]');
  await page.waitForSelector('#links a', { timeout: 20000 });
  const uploaded = await page.$$eval('#links a', (l) => l.map((a) => a.href));
  const summary = uploaded.find((h) => h.includes('/summary?download'));
  const words = summary ? await page.evaluate(async (h) => {
    const bytes = new Uint8Array(await (await fetch(h)).arrayBuffer());
    return { pdf: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
  }, summary) : { pdf: '', size: 0 };
  check('an uploaded Markdown file converts (summary sheet downloads as a PDF)', words.pdf === '%PDF-' && words.size > 1000, JSON.stringify(words));
  const html = await page.$eval('#messages', (e) => e.innerText);
  check('an uploaded file in Spanish: no language-detected note (the language was chosen)', !html.includes('detected'), JSON.stringify(html.slice(0, 120)));

  // The catalog of the served folder, from the page's link, in a fresh tab: navigating away from
  // a page whose iframe holds Chromium's PDF viewer sometimes never fires 'load' in headless mode.
  await page.close();
  page = await browser.newPage();
  await page.setBypassCSP(true);
  for (const width of [390, 1280]) {
    await page.setViewport({ width, height: 900 });
    await page.goto(url, { waitUntil: 'load' });
    await page.click('.catalog a');
    await page.waitForFunction(() => document.body.innerText.includes('Looking after your inhaler'), { timeout: 20000 });
    const titles = await page.evaluate(() => document.body.innerText);
    check(`${width} px: the catalog lists both sources`, titles.includes('Cuidar un tobillo torcido'));
    const pdf = await page.$$eval('a[href$=".pdf"]', (l) => l.map((a) => a.href));
    const status = pdf.length ? await page.evaluate(async (h) => (await fetch(h)).status, pdf[0]) : 0;
    check(`${width} px: a catalog PDF link answers`, status === 200, `${pdf[0]} ${status}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(`${width} px: catalog without horizontal scroll`, overflow <= 0, `scrollWidth - innerWidth = ${overflow}`);
    await axe(page, `${width} px: the served catalog`);
    await page.screenshot({ path: path.join(artifacts, `serve-catalog-${width}.png`), fullPage: true });
  }
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
