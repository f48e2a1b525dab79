import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, learner, run } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { tempDir } from '../helpers/store.js';

const file = fixture('roadmaps/per-track.yaml');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('what a learner is told about the hours and the gaps', () => {
  it('roadmaps show says what the hours assume and what the path leaves out, before any plan', async () => {
    const { code, stdout } = await run(['roadmaps', 'show', file, '--track', 'python']);
    expect(code).toBe(0);
    expect(flat(stdout)).toContain(
      "What the hours assume About 20 hours, assuming you already write code in your track's language.",
    );
    expect(flat(stdout)).toContain('What this path leaves out, and why • Caching: A small API is fast without one.');
    const shown = json((await run(['roadmaps', 'show', file, '--track', 'python', '--json'])).stdout);
    expect(shown.roadmap.hoursBasis).toBe("About 20 hours, assuming you already write code in your track's language.");
    expect(shown.stages.map((s: { hours: number; hoursBasis: string | null }) => [s.hours, s.hoursBasis])).toEqual([
      [10, 'Node needs 2 more hours to wire up validation by hand.'],
      [8, null],
    ]);
  });

  it('roadmaps show names the check command of each checked stage in the form that runs', async () => {
    const { stdout } = await run(['roadmaps', 'show', fixture('roadmaps/course.yaml'), '--track', 'node']);
    const said = [...flat(stdout).matchAll(/`(backend-path check[^`]*)` tests it/g)].map((m) => m[1]);
    expect(said).toEqual(['backend-path check rest-api', 'backend-path check auth', 'backend-path check deploy']);
  });

  it("plan states what the total assumes and carries each track's own project", async () => {
    const plan = await run(['plan', '--roadmap', file, '--track', 'python', '--hours', '5', '--start', '2026-11-23']);
    expect(flat(plan.stdout)).toContain(
      "Assumes About 20 hours, assuming you already write code in your track's language.",
    );
    expect(flat(plan.stdout)).toContain('Prove it: Build it with FastAPI on port 8000.');
    const document = json((await run(['plan', '--roadmap', file, '--track', 'node', '--hours', '5', '--json'])).stdout);
    expect(document.roadmap.hoursBasis).toBe(
      "About 20 hours, assuming you already write code in your track's language.",
    );
    expect(document.stages.map((s: { project: string }) => s.project)).toEqual([
      'Build it with Express on port 3000.',
      'Put it online.',
    ]);
  });

  it("next shows the learner's track's project, where the hours come from, and what to leave for later", async () => {
    for (const [track, project, other] of [
      ['python', 'Build it with FastAPI on port 8000.', 'Express'],
      ['node', 'Build it with Express on port 3000.', 'FastAPI'],
    ]) {
      const me = learner();
      await me(['plan', '--roadmap', file, '--track', track!, '--hours', '5']);
      const next = flat((await me(['next'])).stdout);
      expect(next).toContain(`Prove it ${project}`);
      expect(next).not.toContain(other);
      expect(next).not.toContain('Build the shared project.');
      expect(next).toContain('Where its hours come from Node needs 2 more hours to wire up validation by hand.');
      expect(next).toContain('Leave for later • Caching: A small API is fast without one.');
      expect(json((await me(['next', '--json'])).stdout).stage).toMatchObject({
        project,
        hoursBasis: 'Node needs 2 more hours to wire up validation by hand.',
      });
    }
  });
});

describe('roadmaps validate', () => {
  it('says which rules wait for the shape to be right, then checks them', async () => {
    const mine = join(tempDir(), 'mine.yaml');
    const write = (hours: number) =>
      writeFileSync(
        mine,
        `id: mine\ntitle: Mine\ntracks:\n  node: {title: Node.js}\nstages:\n  - {id: a, title: A, hours: ${hours}}\n  - {id: a, title: B, hours: 2}\n`,
      );
    write(-3);
    const shape = await run(['roadmaps', 'validate', mine]);
    expect(shape.code).toBe(1);
    expect(shape.stdout).toContain('stages[0].hours must be a positive number');
    expect(shape.stdout).not.toContain('repeats "a"');
    expect(shape.stdout.replace(/\n/g, ' ')).toContain(
      'Repeated stage ids, unknown tracks, stages named by at: and unknown ${variables} are checked once these are fixed.',
    );
    write(3);
    const spans = json((await run(['roadmaps', 'validate', mine, '--json'])).stdout);
    expect(spans).toMatchObject({ valid: false, later: null });
    expect(spans.problems).toEqual([expect.stringContaining('stages[1].id repeats "a", already used by stages[0]')]);
  });
});
