// Prints the violations in a DAISY Ace report (report.json), one line each as
// "RULE (impact) FILE", then their count; exits 1 when there is any.
// usage: node ace_violations.js REPORT.json
// As a module: violations(report) returns those lines (ace_many.js).
'use strict';
const path = require('path');

// The report's failed assertions, one line each.
function violations(report) {
  const lines = [];
  for (const group of report.assertions || []) {
    for (const a of group.assertions || []) {
      if (a['earl:result']['earl:outcome'] !== 'fail') continue;
      const test = a['earl:test'];
      lines.push(`  ${test['dct:title']} (${test['earl:impact']}) ${group['earl:testSubject'].url || ''}: ` +
                 `${(a['earl:result']['dct:description'] || '').split('\n')[0]}`);
    }
  }
  return lines;
}
module.exports = { violations };

if (require.main === module) {
  const lines = violations(require(path.resolve(process.argv[2])));
  for (const line of lines) console.log(line);
  console.log(`${lines.length} violation(s)`);
  process.exit(lines.length === 0 ? 0 : 1);
}
