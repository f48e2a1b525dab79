import { COURSE } from '../helpers/paths.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, learner, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/store.js';

/** The values tab's protocol offers for the words typed so far (the last one is being completed). */
async function values(words: string[], options: Parameters<typeof run>[1] = {}): Promise<string[]> {
  const { code, stdout } = await run(['complete', '--', ...words], options);
  expect(code).toBe(0);
  const lines = stdout.trimEnd().split('\n');
  expect(lines.at(-1)).toMatch(/^:\d+$/);
  return lines.slice(0, -1).map((line) => line.split('\t')[0]!);
}

describe('completion of commands, flags and values', () => {
  it('offers commands, and the subcommands of roadmaps', async () => {
    const commands = await values(['']);
    for (const command of [
      'plan',
      'next',
      'done',
      'status',
      'check',
      'export',
      'roadmaps',
      'completion',
      'start',
      'stop',
    ])
      expect(commands).toContain(command);
    expect(commands).not.toContain('complete');
    expect(await values(['roadmaps', ''])).toEqual(['show', 'validate']);
  });

  it('offers values where values are expected, not flags', async () => {
    expect(await values(['plan', '--roadmap', COURSE, '--track', ''])).toEqual(['node', 'python']);
    expect(await values(['export', '--format', ''])).toEqual(['ics', 'md', 'json', 'svg']);
    expect(await values(['completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
    expect(await values(['plan', '--'])).toContain('--hours');
  });

  it('offers roadmap ids and YAML files for --roadmap, and files for -o', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'mine.yaml'), 'id: x');
    writeFileSync(join(cwd, 'notes.txt'), '');
    mkdirSync(join(cwd, 'out'));
    expect(await values(['plan', '--roadmap', ''], { cwd })).toEqual([
      'backend',
      'backend-extended',
      'mine.yaml',
      'out/',
    ]);
    expect(await values(['export', '-o', ''], { cwd })).toEqual(['mine.yaml', 'notes.txt', 'out/']);
    expect(await values(['export', '-o', 'no'], { cwd })).toEqual(['notes.txt']);
  });

  it('marks file names as such for the scripts to quote, and never offers a name with a line break', async () => {
    const cwd = tempDir();
    for (const name of ['a$(x).yaml', 'b\n:4.yaml', 'c\tx.yaml', 'd\u001b[31m.yaml'])
      writeFileSync(join(cwd, name), '');
    const files = await run(['complete', '--', 'export', '-o', ''], { cwd });
    expect(files.stdout).toBe('a$(x).yaml\t\n:68\n');
    const tracks = await run(['complete', '--', 'plan', '--track', ''], { cwd });
    expect(tracks.stdout.trimEnd().split('\n').at(-1)).toBe(':4');
  });

  it('offers the stage ids of the plan that each command takes, and never writes while doing it', async () => {
    const dir = tempDir();
    const me = learner({ BACKEND_PATH_CONFIG_DIR: dir });
    await me(['plan', '--roadmap', COURSE, '--track', 'node', '--hours', '10', '--start', '2026-11-23']);
    await me(['done', 'language', '--yes']);
    await me(['skip', 'http', '--yes']);
    const before = readFileSync(join(dir, 'progress.json'), 'utf8');
    const env = { env: { BACKEND_PATH_CONFIG_DIR: dir } };
    const open = ['rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio'];
    expect(await values(['done', ''], env)).toEqual(['http', ...open]);
    expect(await values(['done', 'rest-api', ''], env)).toEqual(['http', ...open.filter((s) => s !== 'rest-api')]);
    expect(await values(['skip', ''], env)).toEqual(['language', ...open]);
    expect(await values(['undo', ''], env)).toEqual(['language', 'http']);
    expect(await values(['note', ''], env)).toEqual(['list', 'remove', 'language', 'http', ...open]);
    expect(await values(['log', '2', '--stage', 're'], env)).toEqual(['rest-api']);
    // start and log --stage refuse a skipped stage, so it is not offered.
    expect(await values(['start', ''], env)).toEqual(['language', ...open]);
    expect(await values(['log', '2', '--stage', ''], env)).toEqual(['language', ...open]);
    expect(await values(['check', ''], env)).toEqual(['rest-api', 'auth', 'deploy']);
    expect(readFileSync(join(dir, 'progress.json'), 'utf8')).toBe(before);
    expect(await values(['done', ''])).toEqual([]);
    expect(json((await me(['status', '--json'])).stdout).track).toBe('node');
  });

  it('prints a script for each shell, and refuses others with the choices', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { code, stdout } = await run(['completion', shell]);
      expect(code).toBe(0);
      expect(stdout).toContain('backend-path complete --');
    }
    const bad = await run(['completion', 'tcsh']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([
      2,
      "Error: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish, powershell.",
    ]);
  });
});
