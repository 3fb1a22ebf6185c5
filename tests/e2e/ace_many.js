// Runs DAISY Ace over several EPUBs in one Node process with one browser (ace-cli starts Node,
// loads Ace and launches Chromium once per book, which was most of its time). For each BOOK it
// writes BOOK.ace (the violations, one line each, then their count, as ace_violations.js prints
// them, or Ace's error) and BOOK.status (0 when Ace ran and found no violation, else 1).
// usage: node ace_many.js ACE_DIR BOOK...
'use strict';
const fs = require('fs');
const path = require('path');

const aceDir = path.resolve(process.argv[2]);
const books = process.argv.slice(3);
const need = name => require(path.join(aceDir, 'node_modules', name));
const logger = need('@daisy/ace-logger');
const ace = need('@daisy/ace-core');
const runner = need('@daisy/ace-axe-runner-puppeteer');
const { violations } = require('./ace_violations.js');

// Ace launches and closes its browser around every book; this runner keeps the one browser.
let launched = false;
const shared = Object.create(runner);
shared.launch = async () => {
  if (!launched) { await runner.launch(); launched = true; }
};
shared.close = async () => {};

async function checkBook(book) {
  const outdir = `${book}.report`;
  let lines, ok;
  try {
    await ace(book, { cwd: process.cwd(), outdir, silent: true, jobId: '' }, shared);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'report.json'), 'utf8'));
    lines = violations(report);
    ok = lines.length === 0;
    lines.push(`${lines.length} violation(s)`);
  } catch (err) {
    lines = [`Ace failed: ${err && err.message ? err.message : err}`];
    ok = false;
  }
  fs.writeFileSync(`${book}.ace`, lines.join('\n') + '\n');
  fs.writeFileSync(`${book}.status`, ok ? '0\n' : '1\n');
}

(async () => {
  logger.initLogger({ verbose: false, silent: true, fileName: 'ace-many.log' });
  for (const book of books) await checkBook(book);
  if (launched) await runner.close();
  process.exit(0);
})().catch(err => { console.error(err); process.exit(1); });
