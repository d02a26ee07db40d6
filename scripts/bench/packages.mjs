// The bench runs as plain node against the compiled workspaces, exactly what `npm start` runs.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function load(name) {
  try {
    return { mod: require(name), entry: require.resolve(name) };
  } catch (err) {
    if (err.code === 'MODULE_NOT_FOUND') {
      throw new Error(`${name} is not built; run \`npm run bench\` (it builds first) or \`npx turbo run build\``, { cause: err });
    }
    throw err;
  }
}

const core = load('@ketenhuis/core');
const coreTesting = load('@ketenhuis/core/testing');
const testing = load('@ketenhuis/testing');

export const coreLib = core.mod;
export const testingLib = testing.mod;
/** The platform as tests start it (`startTestPlatform`): its own database, keys and issuer. */
export const coreTestingLib = coreTesting.mod;
/**
 * Resolves from inside the compiled core: its internal pipeline pieces (not re-exported by the
 * package index) and the very same express, helmet and pino-http copies the platform uses.
 */
export const requireFromCore = createRequire(core.entry);
