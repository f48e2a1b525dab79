// In a clone, `npm install` runs the `prepare` script, which builds dist/. A packed package is
// already built and has nothing to run, and npm 11 warns on install about any package whose
// manifest names an install-time script, prepare included. So `npm pack` and `npm publish` ship
// the manifest without it: prepack strips it (after building), postpack puts package.json back.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[3] ?? process.cwd();
const manifest = join(folder, 'package.json');
const saved = join(folder, '.package.json.before-pack');

if (process.argv[2] === 'strip') {
  copyFileSync(manifest, saved);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  delete pkg.scripts.prepare;
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (process.argv[2] === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error('Usage: node scripts/pack-manifest.mjs strip|restore [folder]');
  process.exit(2);
}
