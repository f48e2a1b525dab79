// Bundles src/cli.ts into dist/cli.js and compiles roadmaps/*.yaml to dist/roadmaps.json,
// validating every built-in roadmap: a broken one fails the build.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
rmSync(new URL('dist/', root), { recursive: true, force: true });
mkdirSync(new URL('dist/', root), { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
  // Bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
};

// The loader is bundled on its own for the build, so the YAML parser is used here, not at start-up.
const loaderOut = new URL('dist/build-loader.mjs', root).pathname;
await build({ ...common, entryPoints: [new URL('src/roadmap/load.ts', root).pathname], outfile: loaderOut });
const { loadRoadmapFile } = await import(loaderOut);
const dir = new URL('roadmaps/', root).pathname;
const roadmaps = [];
for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
  try {
    roadmaps.push(loadRoadmapFile(`roadmaps/${name}`).raw);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
rmSync(loaderOut);
writeFileSync(new URL('dist/roadmaps.json', root), JSON.stringify(roadmaps));

// See scripts/stubs/unused-by-conf.mjs for why these three are stubbed in the CLI bundle.
const stubUnusedByConf = {
  name: 'stub-unused-by-conf',
  setup(b) {
    const stub = new URL('scripts/stubs/unused-by-conf.mjs', root).pathname;
    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) => (args.importer.includes('/node_modules/conf/') ? { path: stub } : undefined));
  },
};

await build({
  ...common,
  plugins: [stubUnusedByConf],
  entryPoints: { cli: new URL('src/main.ts', root).pathname },
  outdir: new URL('dist/', root).pathname,
  splitting: true,
  // Chunks sit beside cli.js, so every module finds the package one folder up.
  chunkNames: '[name]-[hash]',
  define: { __BUNDLED__: 'true', __VERSION__: JSON.stringify(pkg.version) },
  minifyWhitespace: true,
  minifySyntax: true,
});
