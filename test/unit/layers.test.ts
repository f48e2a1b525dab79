import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.js';

/** The project's own eslint rules on a file that would sit at `path`, with `source` as its text. */
async function problems(path: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(source, { filePath: join(repoRoot, path) });
  return result!.messages.map((message) => `${message.ruleId}: ${message.message}`);
}

describe('the layers of src/', () => {
  it('refuses a command that imports from the CLI layer', async () => {
    const found = await problems(
      'src/commands/example.ts',
      "import { configDir } from '../cli/env.js';\nexport const where = configDir;\n",
    );
    expect(found).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*a command never reaches back into the CLI layer/),
    ]);
  });

  it('refuses a command that renders, and a renderer that runs a command', async () => {
    expect(
      await problems(
        'src/commands/example.ts',
        "import { renderNote } from '../ui/render-misc.js';\nexport const r = renderNote;\n",
      ),
    ).toEqual([expect.stringMatching(/a command returns data; only the CLI layer renders it/)]);
    expect(
      await problems(
        'src/ui/example.ts',
        "import { noteCommand } from '../commands/note.js';\nexport const n = noteCommand;\n",
      ),
    ).toEqual([expect.stringMatching(/renderers take a command’s result; they never run one/)]);
  });

  it('refuses a coach module that reads the store', async () => {
    const found = await problems(
      'src/coach/example.ts',
      "import { ProgressStore } from '../store/store.js';\nexport const s = ProgressStore;\n",
    );
    expect(found).toEqual([expect.stringMatching(/the coach is pure/)]);
  });

  it('accepts what the layers allow: a renderer naming a result type, a command asking a question', async () => {
    expect(
      await problems(
        'src/ui/example.ts',
        "import type { NoteResult } from '../commands/note.js';\nexport type N = NoteResult;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'src/commands/example.ts',
        "import { askConfirm } from '../ui/prompts.js';\nexport const a = askConfirm;\n",
      ),
    ).toEqual([]);
  });
});
