import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The generated types are committed so packages compile without a generation step; this test
// fails when someone changes the document and forgets `npm run generate -w @ketenhuis/contracts`.
describe('generated OpenAPI types', () => {
  it('match the current core document', () => {
    const run = spawnSync(process.execPath, [join(__dirname, '..', 'scripts', 'generate.mjs'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
