// Prints the violations in a DAISY Ace report (report.json), one line each as
// "RULE (impact) FILE", then their count; exits 1 when there is any.
// usage: node ace_violations.js REPORT.json
'use strict';
const path = require('path');
const report = require(path.resolve(process.argv[2]));
let count = 0;
for (const group of report.assertions || []) {
  for (const a of group.assertions || []) {
    if (a['earl:result']['earl:outcome'] !== 'fail') continue;
    count += 1;
    const test = a['earl:test'];
    console.log(`  ${test['dct:title']} (${test['earl:impact']}) ${group['earl:testSubject'].url || ''}: ` +
                `${(a['earl:result']['dct:description'] || '').split('\n')[0]}`);
  }
}
console.log(`${count} violation(s)`);
process.exit(count === 0 ? 0 : 1);
