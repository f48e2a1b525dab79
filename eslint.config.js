import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (see ../shared/STYLE.md): each folder may import only from the folders
 * below it. A command never reaches into the CLI layer; the coach, the scheduler and the roadmap
 * format depend on nothing that reads a terminal, a clock or the progress file.
 */
const layer = (target, from, message) => ({ target: `./src/${target}`, from: from.map((f) => `./src/${f}`), message });
const boundaries = [
  layer(
    'plan',
    ['cli', 'commands', 'store', 'ui', 'check', 'coach', 'roadmap'],
    'the scheduler is pure: it uses dates and nothing else',
  ),
  layer(
    'roadmap',
    ['cli', 'commands', 'store', 'ui', 'check', 'coach'],
    'the roadmap format depends on no other layer',
  ),
  layer('coach', ['cli', 'commands', 'store', 'ui', 'check'], 'the coach is pure: no CLI, store, terminal or network'),
  layer('check', ['cli', 'commands', 'store', 'ui'], 'evidence runners return data; commands keep and show it'),
  layer(
    'store',
    ['cli', 'commands', 'ui', 'check'],
    'the store keeps the coach’s record and knows nothing of commands',
  ),
  layer('commands', ['cli'], 'a command never reaches back into the CLI layer'),
  layer('validation', ['cli', 'commands', 'store', 'ui', 'check', 'coach', 'roadmap', 'plan'], 'validation is a leaf'),
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      // Functions small enough to read in one screen: the shape the code keeps.
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': 'error',
    },
  },
  {
    // Renderers show what commands return, so they may name the result types, never run a command;
    // commands may ask through the one prompt module and show the lock spinner, never render.
    files: ['src/ui/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)commands/',
              allowTypeImports: true,
              message: 'renderers take a command’s result; they never run one',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)ui/(?!(prompts|spinner)\\.js$)',
              allowTypeImports: true,
              message: 'a command returns data; only the CLI layer renders it (prompts.ts is how a command asks)',
            },
          ],
        },
      ],
    },
  },
  {
    // The bin shim and the build's stand-ins are CommonJS on purpose (see scripts/build.mjs).
    files: ['bin/**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The loader runs as CommonJS in dist/; __dirname is its folder.
    files: ['src/cli/boot.ts'],
    languageOptions: { globals: { __dirname: 'readonly', __filename: 'readonly' } },
  },
);
