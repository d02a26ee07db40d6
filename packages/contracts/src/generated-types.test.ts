import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// The generated types are committed so packages compile without a generation step; this test
// fails when someone changes the document and forgets `npm run generate -w @ketenhuis/contracts`.
describe('generated OpenAPI types', () => {
  it('match the current core document', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kh-openapi-')), 'core.ts');
    const bin = join(dirname(dirname(require.resolve('openapi-typescript'))), 'bin', 'cli.js');
    const run = spawnSync(process.execPath, [bin, 'openapi/core.yaml', '-o', out], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(run.status).toBe(0);
    const fresh = readFileSync(out, 'utf8');
    const committed = readFileSync(join(__dirname, 'generated', 'core.ts'), 'utf8');
    if (fresh !== committed) {
      throw new Error('packages/contracts/src/generated/core.ts is stale: run `npm run generate -w @ketenhuis/contracts` and commit the result');
    }
  });
});
