// Writes each workspace's totals so `npm test` can print one closing line for the whole repo.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) { this.rootDir = globalConfig.rootDir; }
  onRunComplete(_contexts, results) {
    // Only `npm test` collects totals; a jest run of one file elsewhere must not overwrite them.
    const dir = process.env.KETENHUIS_TEST_RESULTS;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(this.rootDir);
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({
      workspace: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests,
    }));
  }
}
module.exports = SummaryReporter;
