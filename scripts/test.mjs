// `npm test`: lint, typecheck and every workspace's tests through turbo (builds first), then one closing line with the
// totals of all workspaces, so a reader (or CI) sees the whole result at the end.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = join(import.meta.dirname, '..', '.ketenhuis', 'test-results');
rmSync(resultsDir, { recursive: true, force: true });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', KETENHUIS_TEST_RESULTS: resultsDir };
const run = spawnSync('npx', ['turbo', 'run', 'lint', 'typecheck', 'test', '--log-prefix=none', '--env-mode=loose', '--concurrency=1', '--continue', ...process.argv.slice(2)], { stdio: 'inherit', env });

let passed = 0, failed = 0, skipped = 0;
let files = [];
try { files = readdirSync(resultsDir); } catch { /* no workspace reported */ }
for (const f of files) {
  const r = JSON.parse(readFileSync(join(resultsDir, f), 'utf8'));
  passed += r.passed; failed += r.failed; skipped += r.skipped;
}
const code = run.status ?? 1;
if (code !== 0 && failed === 0) failed = 1; // a crash before any report still counts as a failure
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(code);
