// Builds dist/: the CLI as CommonJS bundles (the whole program in dist/backend-path.js, smaller
// ones for groups of commands) behind a small loader (dist/cli.js) that keeps V8's compiled code
// between runs, with the built-in roadmaps compiled from roadmaps/*.yaml into them (a broken one
// fails the build); and the licenses of
// every package the bundle contains (dist/licenses.txt), since the package ships no dependencies.
import { build as esbuild } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Built in a folder of its own and swapped in at the end, so dist/ is never half-built or
// missing while a test or a learner runs the program (the swap is two renames).
const final = join(root, 'dist');
const dist = join(root, `.dist-${process.pid}`);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
process.on('exit', (code) => {
  if (code !== 0) rmSync(dist, { recursive: true, force: true });
});

/** esbuild, with any warning failing the build: a warning here is a bundle that may not work. */
async function build(options) {
  const result = await esbuild(options);
  if (result.warnings.length > 0) {
    console.error(`The build stopped on ${result.warnings.length} warning(s) from esbuild; see above.`);
    process.exit(1);
  }
  return result;
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  // The shell completion scripts are shell files, bundled as text.
  loader: { '.bash': 'text', '.zsh': 'text' },
};

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
/** A JavaScript expression that makes `value` again: a roadmap is plain data and Maps. */
function literal(value) {
  if (value instanceof Map) return `new Map(${literal([...value])})`;
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`;
  if (value === undefined) return 'void 0';
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return JSON.stringify(value);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null)
    throw new Error(`A built-in roadmap holds a value the build cannot write as code (a ${typeof value}).`);
  // Request bodies and matchers are objects without a prototype, as the validator makes them. A
  // computed key, so that a key "__proto__" is a property, not the object's prototype.
  const properties = Object.entries(value).map(([key, item]) => `[${JSON.stringify(key)}]:${literal(item)}`);
  return `{${[...(prototype === null ? ['__proto__:null'] : []), ...properties].join(',')}}`;
}
/** Each shipped roadmap, validated and converted, as a JavaScript expression, by id. */
const builtinRoadmaps = {};
for (const name of readdirSync(join(root, 'roadmaps'))
  .filter((n) => n.endsWith('.yaml'))
  .sort()) {
  try {
    const { raw, roadmap } = loadRoadmapFile(join(root, 'roadmaps', name));
    if (`${raw.id}.yaml` !== name)
      throw new Error(`roadmaps/${name}: its id is "${raw.id}"; a built-in roadmap's file is named after its id.`);
    const code = literal(roadmap);
    if (!isDeepStrictEqual(new Function(`return ${code}`)(), roadmap))
      throw new Error(`roadmaps/${name}: the code written for it does not make the same roadmap again.`);
    builtinRoadmaps[raw.id] = code;
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
rmSync(loaderOut);

// The shipped roadmaps are written into the bundles as code, each in a function of its own
// (src/roadmap/builtin-sources.ts reads the YAML in the sources), instead of a JSON file read,
// parsed and converted on every run: V8 compiles only the roadmap a command uses and keeps it in
// the code cache. `status --short` ran 115.4 M instructions with the raw data as an object literal
// (converted at run time) against 118.6 M reading dist/roadmaps/<id>.json; written converted, it
// runs 110.0 M against 111.7 M as the raw literal on `npm run bench`'s plan (callgrind, medians of
// 5, V8's random hash-seed search left out, Node 20.20); `node -e 0` is 77.8 M.
const builtinSources = {
  name: 'builtin-sources',
  setup(b) {
    b.onResolve({ filter: /^\.\/builtin-sources\.js$/ }, (args) => ({ path: args.path, namespace: 'builtin-sources' }));
    b.onLoad({ filter: /.*/, namespace: 'builtin-sources' }, () => ({
      contents: `export const BUILTIN_SOURCES = {\n${Object.entries(builtinRoadmaps)
        .map(([id, json]) => `  ${JSON.stringify(id)}: () => (${json}),\n`)
        .join('')}};\n`,
      loader: 'js',
    }));
  },
};

/**
 * Stand-ins: an import inside a bundled package swapped for a smaller module. Each stays only
 * while it earns the gain measured beside it (whole-process medians of paired runs against a
 * build without it, or callgrind's instructions where the gain is below this machine's noise;
 * Node 20.20, 2 cores), the package it touches is pinned to an exact version (in package.json,
 * or by the lockfile for conf's own dependencies), and the build fails when one no longer matches
 * anything (the package changed).
 */
const STAND_INS = [
  {
    // commander requires child_process at load time, only to run executable subcommands, which
    // backend-path has none of; the stand-in loads it on first use. Every command starts about
    // 4 ms (~10%) faster: `next` 0.052 s against 0.059 s, `--help` 0.035 s against 0.044 s.
    filter: /^node:child_process$/,
    importer: '/node_modules/commander/',
    file: 'lazy-child-process.cjs',
  },
  {
    // conf imports ajv, ajv-formats and semver at load time for schemas and migrations, neither
    // of which backend-path gives it (the store validates with valibot and migrates itself). The
    // stub throws if conf ever reaches for them. Every write starts about 10% faster and 1.5 MiB
    // smaller: `log` 0.054 s against 0.065 s.
    filter: /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/,
    importer: '/node_modules/conf/',
    file: 'unused-by-conf.mjs',
  },
  {
    // conf imports node:crypto at load time, only to encrypt a store, which backend-path never
    // asks for; the stand-in loads it on first use (the lock and backups take their random names
    // from Math.random, not crypto, for the same reason). A write is about 3% faster and 0.7 MiB
    // smaller: `log` 0.055 s against 0.057 s, medians of 60 paired runs.
    filter: /^node:crypto$/,
    importer: '/node_modules/conf/',
    file: 'lazy-crypto.cjs',
  },
  {
    // conf imports node:assert for one deepEqual as it opens the file; node:assert's error
    // machinery creates process.stderr, which loads Node's stream modules (`node -e
    // "require('node:assert')"` takes 1.08x as long as `node -e 0`). A `start` then `cancel` took
    // 1.08x as long with the real module (medians of 25 paired runs, Node 20.20, 2 cores).
    filter: /^node:assert$/,
    importer: '/node_modules/conf/',
    file: 'conf-assert.cjs',
  },
  {
    // conf imports env-paths for a default folder, and env-paths loads node:os as it loads, to ask
    // for the home and temporary folders. backend-path always gives conf its folder; the
    // stand-in loads env-paths on first use. With the next stand-in: a `log` ran 154.2 M
    // instructions against 156.2 M, a check that saves 204.8 M against 207.3 M (callgrind,
    // medians of 3, Node 20.20), and the young generation of V8 holds 46 KB less at the end.
    filter: /^env-paths$/,
    importer: '/node_modules/conf/',
    file: 'lazy-env-paths.cjs',
  },
  {
    // stubborn-fs (conf's writer, atomically, writes through it) wraps sixteen of node:fs's
    // callback functions in util.promisify as it loads; a synchronous write that succeeds calls
    // none of them (one that fails removes its temporary file with one). The stand-in's
    // promisify wraps each on its first call (gain above).
    filter: /^node:util$/,
    importer: '/node_modules/stubborn-fs/',
    file: 'lazy-promisify.cjs',
  },
  {
    // atomically (conf's writer) imports when-exit, which listens for up to seventeen signals as it
    // loads, only to remove a temporary file that a synchronous write never leaves at a signal; the
    // stand-in runs the same callbacks at exit and listens for no signal (see the file). A `log`
    // took 0.99x as long and a check that saves 0.985x (medians of 60 paired runs, Node 20.20, 2
    // cores); a `log` ran 153.1 M instructions against 153.9 M (callgrind, medians of 3): most of
    // the gain is system calls (strace: four `rt_sigaction` for each signal, and libuv's lock
    // around each handle started and stopped).
    filter: /^when-exit$/,
    importer: '/node_modules/atomically/',
    file: 'exit-only.cjs',
  },
];
const standInsUsed = new Map(STAND_INS.map((standIn) => [standIn.file, 0]));
const standIns = {
  name: 'stand-ins',
  setup(b) {
    for (const { filter, importer, file } of STAND_INS) {
      b.onResolve({ filter }, (args) => {
        if (!args.importer.includes(importer)) return undefined;
        standInsUsed.set(file, standInsUsed.get(file) + 1);
        return { path: join(root, 'scripts/stubs', file) };
      });
    }
  },
};

// Packages that only some commands need are bundled on their own (dist/vendor/*.js) and loaded
// when first used, so the common path reads and compiles a quarter of the code.
const VENDORS = {
  yaml: 'yaml',
  'js-yaml': 'js-yaml',
  'ical-generator': 'ical-generator',
  '@bomb.sh/tab': 'tab',
  ora: 'ora',
  '@inquirer/prompts': 'inquirer',
  conf: 'conf',
  // What `check` reads evidence with: a PostgreSQL client, an OpenAPI validator, a Dockerfile
  // parser and gitignore rules, loaded only when a stage's check asks for that kind.
  pg: 'pg',
  '@seriousme/openapi-schema-validator': 'openapi-validator',
  'dockerfile-ast': 'dockerfile-ast',
  ignore: 'ignore',
};
// In the bundle, `import('conf')` becomes a lazy require of a small module that re-exports
// ./vendor/conf.js: a require, not an import(), since the bundle runs as a vm.Script (which has
// no import() of its own). Node's built-in modules imported lazily get the same treatment.
const vendored = {
  name: 'vendored',
  setup(b) {
    const names = Object.keys(VENDORS).map((n) => n.replace(/[/.@-]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'vendor' }));
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => {
      const file = `./vendor/${VENDORS[args.path]}.js`;
      return {
        contents: `export * from '${file}';\n${VENDOR_ENTRIES[args.path] ? '' : `export { default } from '${file}';`}`,
        loader: 'js',
      };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `export * from '${args.path}';`,
      loader: 'js',
    }));
    b.onResolve({ filter: /^\.\/vendor\//, namespace: 'vendor' }, (args) => ({ path: args.path, external: true }));
    b.onResolve({ filter: /^node:/, namespace: 'builtin' }, (args) => ({ path: args.path, external: true }));
  },
};
// What each vendor file exports: everything, except where backend-path uses a small part (the
// three prompts it asks, not the editor and the rest) or the package has no default export.
const VENDOR_ENTRIES = {
  '@inquirer/prompts': "export { confirm, input, select } from '@inquirer/prompts';",
  yaml: "export * from 'yaml';",
  'js-yaml': "export { load } from 'js-yaml';",
  '@seriousme/openapi-schema-validator': "export { Validator } from '@seriousme/openapi-schema-validator';",
  'dockerfile-ast': "export { DockerfileParser } from 'dockerfile-ast';",
};
// A vendored package that parses YAML itself (the OpenAPI validator) uses the one vendor/yaml.js.
const sharedYaml = {
  name: 'shared-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: './yaml.js', external: true }));
  },
};
/**
 * A global a vendored package reads, replaced in its vendor file by a stand-in's export (esbuild's
 * inject), under the same rules as the stand-ins above. ical-generator calls crypto.randomUUID()
 * for every event it makes, only for an id backend-path replaces at once; Node's global crypto
 * loads its Web Crypto, crypto and stream modules (`node -e "crypto.randomUUID()"` runs 92.1 M
 * instructions against `node -e 0`'s 77.7 M). `export --format ics` ran 205.6 M instructions
 * with it against 196.0 M with the stand-in (callgrind, medians of 3, Node 20.20), and took
 * 0.95x as long with the stand-in (medians of 40 paired runs, 2 cores).
 */
const GLOBAL_STAND_INS = { 'ical-generator': { global: 'crypto', file: 'ical-crypto.mjs' } };
const vendorInputs = [];
for (const [name, file] of Object.entries(VENDORS)) {
  const globalStandIn = GLOBAL_STAND_INS[name];
  const result = await build({
    ...common,
    format: 'cjs',
    stdin: {
      contents: VENDOR_ENTRIES[name] ?? `export * from '${name}';\nexport { default } from '${name}';`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: join(dist, 'vendor', `${file}.js`),
    plugins: [standIns, ...(name === 'yaml' ? [] : [sharedYaml])],
    inject: globalStandIn ? [join(root, 'scripts/stubs', globalStandIn.file)] : [],
    metafile: true,
    define: { 'import.meta.url': '__importMetaUrl' },
    minifyWhitespace: true,
    minifySyntax: true,
  });
  vendorInputs.push(...Object.keys(result.metafile.inputs));
  // The file's own address, for a package that reads import.meta.url (the OpenAPI validator, for
  // its schemas), made only in a vendor file that uses it: as a banner in every one, it cost conf's
  // load 1.3 M instructions of 8.8 M (callgrind, medians of 5, Node 20.20), on every write.
  const vendorFile = join(dist, 'vendor', `${file}.js`);
  const vendorText = readFileSync(vendorFile, 'utf8');
  if (vendorText.includes('__importMetaUrl'))
    writeFileSync(vendorFile, `var __importMetaUrl=require("node:url").pathToFileURL(__filename).href;\n${vendorText}`);
  // The package reads the global no more (or never did, after a change): the stand-in must be in use.
  const contributed = Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input),
  );
  if (globalStandIn && !contributed.some((input) => input.endsWith(globalStandIn.file))) {
    console.error(
      `The stand-in scripts/stubs/${globalStandIn.file} for ${name}'s global ${globalStandIn.global} matched nothing: remove or update it.`,
    );
    process.exit(1);
  }
}
// The validator reads the OpenAPI schemas at run time from ./schemas beside its own file.
cpSync(join(root, 'node_modules/@seriousme/openapi-schema-validator/schemas'), join(dist, 'vendor/schemas'), {
  recursive: true,
  filter: (path) => !path.endsWith('.md'),
});

// The width library (fast-string-width, and fast-wrap-ansi on top of it) builds its Unicode
// regular expressions as it loads (V8 parses their `\p{...}` classes then), yet text.ts needs it
// only for text that is not plain Latin (an emoji or CJK title). text.ts's imports of it become
// functions that load it on their first call. Measured in instructions (valgrind's callgrind,
// medians of 3 runs each, Node 20.20), which whole-process timing on this shared machine is too
// noisy to resolve: `--help` 120.2 M against 128.8 M, `next` 134.8 M against 138.0 M, and
// `status --short` 123.1 M against 127.6 M; `node -e 0` is 85 M.
const LAZY = { 'fast-string-width': ['default'], 'fast-wrap-ansi': ['wrapAnsi'] };
const lazyWidth = {
  name: 'lazy-width',
  setup(b) {
    b.onResolve({ filter: /^(fast-string-width|fast-wrap-ansi)$/ }, (args) =>
      args.importer.endsWith(join('src', 'ui', 'text.ts')) ? { path: args.path, namespace: 'lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: [
        'let loaded;',
        `const lib = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
        ...LAZY[args.path].map((name) =>
          name === 'default'
            ? 'export default (...args) => lib().default(...args);'
            : `export const ${name} = (...args) => lib().${name}(...args);`,
        ),
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const program = {
  ...common,
  format: 'cjs',
  plugins: [standIns, vendored, lazyWidth, builtinSources],
  metafile: true,
  // No import.meta.url: nothing in the program needs its own address (esbuild would warn, and the
  // build fail, if something did), so no bundle pays for making one at every start.
  define: { __VERSION__: JSON.stringify(pkg.version) },
  minifyWhitespace: true,
  minifySyntax: true,
  // A bundle that lacks what a command needs hands it to the whole program, loaded at run time.
  external: ['./backend-path.js'],
};
const bundle = await build({
  ...program,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'backend-path.js'),
});
// The everyday reads (bare, next, status, the prompt line) run from a bundle of their own, 40% of
// the whole program's size (its code cache 38%); it hands anything else to backend-path.js. The
// reads are about 12% faster for it: the old build took 1.14x as long for `next`, 1.14x for
// `status` and 1.16x for `status --short` (medians of 40 paired runs, Node 20.20, 2 cores).
await build({
  ...program,
  entryPoints: [join(root, 'src/cli/everyday-main.ts')],
  outfile: join(dist, 'everyday.js'),
});
// Help and the version (`--help`, `-h`, `help`, `--version`) from the commander program alone:
// every command's and renderer's code is left out (41% of the whole program's size), and a
// command that runs after all (a word the loader took for help) is handed to the whole program
// before it prints anything. `--help` from the whole program took 1.12x as long (medians of 50
// paired runs, Node 20.20, 2 cores).
/** The commander program holding only the commands and renderers in `held` ("commands/log"). */
const holding = (held) => ({
  name: 'holding',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(commands|ui)\/[\w-]+\.js$/ }, (args) =>
      args.kind === 'dynamic-import' &&
      /src\/cli\/(lazy|everyday|action)\.ts$/.test(args.importer) &&
      !held.includes(args.path.slice(3, -3))
        ? { path: args.path, namespace: 'hand-over' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'hand-over' }, () => ({
      contents: "import { HandOver } from './everyday.ts';\nthrow new HandOver();\n",
      resolveDir: join(root, 'src', 'cli'),
      loader: 'ts',
    }));
  },
});
await build({
  ...program,
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'help.js'),
  plugins: [...program.plugins, holding([])],
});
// Commands that load the whole program for nothing else run from the program holding only their
// own commands and renderers: a smaller file for V8 to read and a smaller code cache to
// deserialise. The loader picks the bundle by the first word (the words are written into it
// below); any other command reached from these hands over to the whole program.
// Measured against the whole program: a `start` then `cancel` took 1.12x as long (the lighter
// namespaces below are in that figure too), `export --format md` 1.11x (medians of 25 paired
// runs, Node 20.20, 2 cores); `plan --json` ran 137.5 M instructions against 133.3 M (callgrind,
// medians of 3).
const COMMAND_BUNDLES = {
  'writes.js': {
    words: ['done', 'undo', 'skip', 'log', 'start', 'stop', 'cancel', 'note', 'link'],
    held: [
      ...['mark', 'log', 'session', 'note', 'link'].map((name) => `commands/${name}`),
      'ui/render-progress',
      'ui/render-misc',
    ],
  },
  'plan.js': { words: ['plan', 'replan'], held: ['commands/plan', 'commands/replan', 'ui/render-plan'] },
  'export.js': { words: ['export'], held: ['commands/export', 'ui/render-export'] },
  'check.js': { words: ['check'], held: ['commands/check', 'ui/render-misc'] },
};
// Every one of them may wait for another command's lock, and shows the spinner while it does: a
// hand-over then would run the command again from the start (a check's requests twice).
for (const [file, { held }] of Object.entries(COMMAND_BUNDLES)) {
  await build({
    ...program,
    entryPoints: [join(root, 'src/cli/main.ts')],
    outfile: join(dist, file),
    plugins: [...program.plugins, holding([...held, 'ui/spinner'])],
  });
}
for (const [file, uses] of standInsUsed) {
  if (uses === 0) {
    console.error(
      `The stand-in scripts/stubs/${file} matched no import: the package it replaces changed; remove or update it.`,
    );
    process.exit(1);
  }
}

// A package's `import fs from 'node:fs'` becomes `__toESM(require("node:fs"), 1)` in a CommonJS
// bundle: a new object with a getter copied for each of the module's properties (node:fs has over
// a hundred, node:process as many, and conf alone imports such modules 14 times). A built-in
// module's namespace is its exports object, so the bundles get the same reads from an object that
// inherits them and adds `default`. `log list` took 1.03x as long with the copies (medians of 30
// paired runs, Node 20.20, 2 cores); every write and export makes more such imports (conf's).
const BUILTIN_NAMESPACE = /__toESM\(require\("((?:node:)?[a-z_/]+)"\)(?:,1)?\)/g;
const builtinNames = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
function lighterBuiltinNamespaces(file) {
  const path = join(dist, file);
  const text = readFileSync(path, 'utf8');
  const lighter = text.replace(BUILTIN_NAMESPACE, (whole, name) =>
    builtinNames.has(name)
      ? `Object.create(require("${name}"),{default:{value:require("${name}"),enumerable:!0}})`
      : whole,
  );
  if (lighter !== text) writeFileSync(path, lighter);
}
const bundles = ['backend-path.js', 'everyday.js', 'help.js', ...Object.keys(COMMAND_BUNDLES)];
/** Node's wrapper of a CommonJS file (Module.wrap), around each file the loader runs. */
const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
for (const file of [...bundles, ...Object.values(VENDORS).map((f) => `vendor/${f}.js`)]) {
  lighterBuiltinNamespaces(file);
  // The loader reads bundles as latin1, which is UTF-8 only for ASCII text; esbuild escapes
  // other characters except inside regular expression literals, which must use \u escapes.
  const bytes = readFileSync(join(dist, file));
  const at = bytes.findIndex((byte) => byte > 0x7f);
  if (at !== -1) {
    console.error(`dist/${file} holds a character outside ASCII at byte ${at}: write it with a \\u escape.`);
    process.exit(1);
  }
  // Written as the function the loader calls (src/cli/boot.ts), wrapped as Node wraps a CommonJS
  // file: V8 then compiles the file's own text. The loader used to wrap it at run time, and V8
  // copied the joined text into one string before compiling, a second copy of the whole bundle in
  // fresh memory (123 more page faults for a check, a fault costing about 11 µs on this machine).
  // With one buffer for the text and compiled code (boot.ts), a check that saves ran 201.8 M
  // instructions against 204.8 M (callgrind, medians of 3) and 0.95x the time (40 pairs).
  writeFileSync(join(dist, file), Buffer.concat([Buffer.from(WRAPPER[0]), bytes, Buffer.from(WRAPPER[1])]));
}

// The kept outputs (kept.ts), which the loader requires for the prompt line and help alone: in
// the loader itself, its code and the clock's and config folder's it reuses cost every other
// command 1.1 M instructions (1%, `next`: callgrind, medians of 3) of parsing.
await build({
  ...common,
  format: 'cjs',
  entryPoints: [join(root, 'src/cli/kept.ts')],
  outfile: join(dist, 'kept.js'),
  minifySyntax: true,
  charset: 'ascii',
});

// The loader keys compiled code by each file's content, so a new build of the same size and
// file times (as package stores that normalise times produce) never runs an old build's code.
const hashes = Object.fromEntries(
  [...bundles, 'kept.js', ...Object.values(VENDORS).map((file) => `vendor/${file}.js`)].map((name) => [
    name,
    createHash('sha256')
      .update(readFileSync(join(dist, name)))
      .digest('hex'),
  ]),
);
await build({
  ...common,
  format: 'cjs',
  entryPoints: [join(root, 'src/cli/boot.ts')],
  outfile: join(dist, 'cli.js'),
  external: ['./kept.js'],
  define: {
    __BUILD_HASHES__: JSON.stringify(hashes),
    // All of them at once, for what any file's change may change (the kept prompt line).
    __BUILD_ID__: JSON.stringify(createHash('sha256').update(JSON.stringify(hashes)).digest('hex').slice(0, 16)),
    __COMMAND_BUNDLES__: JSON.stringify(
      Object.fromEntries(Object.entries(COMMAND_BUNDLES).flatMap(([file, { words }]) => words.map((w) => [w, file]))),
    ),
  },
  minifySyntax: true,
});
// The loader and kept.js are CommonJS, whatever the package's "type" says: CommonJS starts faster
// than ESM and is what the V8 code cache (vm.Script) works with. The bundles and vendor files are
// written as the function Node wraps CommonJS in, which only the loader runs.
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
    packages.set(match[1], {
      name: manifest.name,
      version: manifest.version,
      license: manifest.license,
      text: file ? readFileSync(join(dir, file), 'utf8').trim() : '',
    });
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

const old = join(root, `.dist-old-${process.pid}`);
if (existsSync(final)) renameSync(final, old);
renameSync(dist, final);
rmSync(old, { recursive: true, force: true });
