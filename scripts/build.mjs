// Builds dist/: the CLI as one CommonJS bundle (dist/backend-path.js) behind a small loader
// (dist/cli.js) that keeps V8's compiled code between runs; the built-in roadmaps compiled from
// roadmaps/*.yaml to dist/roadmaps/<id>.json (a broken one fails the build); and the licenses of
// every package the bundle contains (dist/licenses.txt), since the package ships no dependencies.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning', legalComments: 'none' };

// The roadmap loader is bundled on its own for the build, so YAML is parsed here, not at start-up.
const loaderOut = join(dist, 'build-loader.mjs');
await build({
  ...common,
  format: 'esm',
  entryPoints: [join(root, 'src/roadmap/load.ts')],
  outfile: loaderOut,
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});
const { loadRoadmapFile } = await import(loaderOut);
mkdirSync(join(dist, 'roadmaps'));
for (const name of readdirSync(join(root, 'roadmaps')).filter((n) => n.endsWith('.yaml')).sort()) {
  try {
    const { raw } = loadRoadmapFile(join(root, 'roadmaps', name));
    if (`${raw.id}.yaml` !== name) throw new Error(`roadmaps/${name}: its id is "${raw.id}"; a built-in roadmap's file is named after its id.`);
    writeFileSync(join(dist, 'roadmaps', `${raw.id}.json`), JSON.stringify(raw));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
rmSync(loaderOut);

// conf imports ajv, ajv-formats and semver at load time for schemas and migrations, neither of
// which backend-path uses (the store validates with valibot and migrates itself); the bundle swaps
// them for a stub that fails loudly if conf ever reaches for them. chalk's colour detection is
// skipped (scripts/stubs/no-color-detection.mjs says why). commander imports
// child_process only to run executable subcommands, which backend-path has none of; it is loaded
// on first use instead of at every start (it pulls in net, dgram and more).
const trimmed = {
  name: 'trim-unused-imports',
  setup(b) {
    const stub = join(root, 'scripts/stubs/unused-by-conf.mjs');
    b.onResolve({ filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/ }, (args) => (args.importer.includes('/node_modules/conf/') ? { path: stub } : undefined));
    b.onResolve({ filter: /^#supports-color$/ }, (args) =>
      args.importer.includes('/node_modules/chalk/') ? { path: join(root, 'scripts/stubs/no-color-detection.mjs') } : undefined,
    );
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: join(root, 'scripts/stubs/lazy-child-process.cjs') } : undefined,
    );
    // The writer's path (conf, atomically, proper-lockfile) loads fs wrappers, assert, crypto
    // and streams it does not need to write a string under a lock: each stand-in says why.
    const swaps = [
      [/^graceful-fs$/, '/node_modules/proper-lockfile/', 'plain-fs.cjs'],
      [/^assert$/, '/signal-exit/', 'assert-equal.cjs'],
      [/^node:crypto$/, '/node_modules/conf/', 'lazy-crypto.cjs'],
      [/^node:assert$/, '/node_modules/conf/', 'conf-deep-equal.mjs'],
      [/^node:stream$/, '/node_modules/atomically/', 'lazy-stream.cjs'],
    ];
    for (const [filter, importer, file] of swaps) {
      b.onResolve({ filter }, (args) => (args.importer.includes(importer) ? { path: join(root, 'scripts/stubs', file) } : undefined));
    }
  },
};

// Packages that only some commands need are bundled on their own (dist/vendor/*.js) and loaded
// when first used, so the common path reads and compiles a quarter of the code.
const VENDORS = {
  yaml: 'yaml',
  'ical-generator': 'ical-generator',
  '@bomb.sh/tab': 'tab',
  ora: 'ora',
  '@inquirer/prompts': 'inquirer',
  conf: 'conf',
  'proper-lockfile': 'proper-lockfile',
};
// In the bundle, `import('conf')` becomes a lazy require of a small module that re-exports
// ./vendor/conf.js: a require, not an import(), since the bundle runs as a vm.Script (which has
// no import() of its own). Node's built-in modules imported lazily get the same treatment.
const vendored = {
  name: 'vendored',
  setup(b) {
    const names = Object.keys(VENDORS).map((n) => n.replace(/[/.@-]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => {
      const file = `./vendor/${VENDORS[args.path]}.js`;
      return { contents: `export * from '${file}';\n${VENDOR_ENTRIES[args.path] ? '' : `export { default } from '${file}';`}`, loader: 'js' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `export * from '${args.path}';`, loader: 'js' }));
    b.onResolve({ filter: /^\.\/vendor\//, namespace: 'vendor' }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /^node:/, namespace: 'builtin' }, (args) => ({ path: args.path, external: true }));
  },
};
// What each vendor file exports: everything, except where backend-path uses a small part (the
// three prompts it asks, not the editor and the rest) or the package has no default export.
const VENDOR_ENTRIES = {
  '@inquirer/prompts': "export { confirm, input, select } from '@inquirer/prompts';",
  yaml: "export * from 'yaml';",
};
const vendorInputs = [];
for (const [name, file] of Object.entries(VENDORS)) {
  const result = await build({
    ...common,
    format: 'cjs',
    stdin: { contents: VENDOR_ENTRIES[name] ?? `export * from '${name}';\nexport { default } from '${name}';`, resolveDir: root, loader: 'js' },
    outfile: join(dist, 'vendor', `${file}.js`),
    plugins: [trimmed],
    metafile: true,
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    minifyWhitespace: true,
    minifySyntax: true,
  });
  vendorInputs.push(...Object.keys(result.metafile.inputs));
}

const bundle = await build({
  ...common,
  format: 'cjs',
  entryPoints: [join(root, 'src/main.ts')],
  outfile: join(dist, 'backend-path.js'),
  plugins: [trimmed, vendored],
  metafile: true,
  define: { __BUNDLED__: 'true', __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  minifyWhitespace: true,
  minifySyntax: true,
});
await build({ ...common, format: 'cjs', entryPoints: [join(root, 'src/boot.ts')], outfile: join(dist, 'cli.js'), minifySyntax: true });
// Both files are CommonJS, whatever the package's "type" says: CommonJS starts faster than ESM
// and is what the V8 code cache (vm.Script) works with.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

/** The licenses of every package whose code is in the bundle, for the one file the package ships. */
function licenses(inputs) {
  const packages = new Map();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (!match || packages.has(match[1])) continue;
    const dir = join(root, match[1]);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    packages.set(match[1], { name: manifest.name, version: manifest.version, license: manifest.license, text: file ? readFileSync(join(dir, file), 'utf8').trim() : '' });
  }
  return [...packages.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((p) => `${p.name}@${p.version} (${p.license})\n\n${p.text || `Licensed under ${p.license}.`}\n`)
    .join('\n----------------------------------------\n\n');
}
writeFileSync(
  join(dist, 'licenses.txt'),
  `backend-path bundles the code of these packages; their licenses follow.\n\n${licenses([...Object.keys(bundle.metafile.inputs), ...vendorInputs])}`,
);
