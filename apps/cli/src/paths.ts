import path from 'node:path';

/** The checkout's root (apps/cli/dist → ../../..): where `.ketenhuis/` lives by default. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.KETENHUIS_DATA_DIR || path.join(repoRoot, '.ketenhuis'));
}
