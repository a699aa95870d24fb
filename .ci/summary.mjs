// Adds up vitest JSON reports (and .ci/image.sh's, written in the same shape) and prints the
// plain closing line CI reads.
// A missing or unreadable report counts as a failure, so a crashed run is never green.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) failed += report.numFailedTestSuites;
  } catch {
    console.error(`no test report at ${file}`);
    failed += 1;
  }
}
if (process.env.CI === 'true' && skipped > 0) {
  // In CI nothing may be skipped: a skipped browser or database test hides a missing install.
  console.error(`${skipped} tests were skipped in CI`);
  failed += skipped;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
