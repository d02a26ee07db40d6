// Nothing to fetch here: the embedded Postgres binaries come from the npm registry as packages.
// This hook only makes the CLI executable after a fresh install.
import { chmodSync, existsSync } from 'node:fs';
const bin = new URL('../apps/cli/bin/ketenhuis.js', import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
