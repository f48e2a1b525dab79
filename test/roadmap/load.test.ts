import { describe, expect, it } from 'vitest';
import { RoadmapError, UsageError } from '../../src/errors.js';
import { loadRoadmapFile } from '../../src/roadmap/load.js';
import { fixture } from '../helpers/paths.js';

function problemsOf(name: string): string[] {
  const file = fixture(`roadmaps/${name}`);
  try {
    loadRoadmapFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(RoadmapError);
    return (error as RoadmapError).problems.map((p) => p.replace(file, name));
  }
  throw new Error(`${name} loaded without problems`);
}

describe('loadRoadmapFile', () => {
  it('loads a valid file with its optional fields', () => {
    const { roadmap, hash } = loadRoadmapFile(fixture('roadmaps/valid.yaml'));
    expect(roadmap.id).toBe('mini');
    expect(roadmap.stages.map((s) => s.id)).toEqual(['first', 'second']);
    expect(roadmap.stages[1]!.hours).toEqual({ node: 3, python: 4 });
    expect(roadmap.stages[1]!.optional).toBe(true);
    expect(roadmap.tracks.node!.summary).toBe('The JavaScript runtime');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['bad-hours.yaml', ['bad-hours.yaml:11:12 stages[1].hours must be a positive number']],
    ['duplicate-id.yaml', ['duplicate-id.yaml:9:9 stages[1].id repeats "basics", already used by stages[0]']],
    ['unknown-track.yaml', ['unknown-track.yaml:10:7 stages[0].tracks.ruby names unknown track "ruby" (tracks: node)']],
    ['hours-map-missing-track.yaml', ['hours-map-missing-track.yaml:9:12 stages[0].hours has no hours for track "python"']],
    ['bad-url.yaml', ['bad-url.yaml:11:14 stages[0].resources[0].url must be an http(s) URL']],
    ['not-a-map.yaml', ['not-a-map.yaml:1:1 must be a map with id, title, tracks and stages']],
    [
      'missing-fields.yaml',
      [
        'missing-fields.yaml:1:1 title is required',
        'missing-fields.yaml:1:5 id must use only lowercase letters, digits and single dashes (e.g. "sql-basics")',
        'missing-fields.yaml:5:5 stages[0].title is required',
        'missing-fields.yaml:5:5 stages[0].hours is required',
        'missing-fields.yaml:6:5 stages[0].hour is not a known field',
      ],
    ],
  ])('reports every problem in %s with file:line:col and field path', (name, expected) => {
    expect(problemsOf(name)).toEqual(expected);
  });

  it('reports YAML syntax errors with their position', () => {
    const problems = problemsOf('syntax-error.yaml');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) expect(problem).toMatch(/^syntax-error\.yaml:[45]:\d+ \S/);
  });

  it('says a missing file is missing, as a usage error', () => {
    expect(() => loadRoadmapFile(fixture('roadmaps/nope.yaml'))).toThrow(UsageError);
    expect(() => loadRoadmapFile(fixture('roadmaps/nope.yaml'))).toThrow(/does not exist/);
  });

  it('puts the whole list in the error message, one problem a line', () => {
    const file = fixture('roadmaps/missing-fields.yaml');
    expect(() => loadRoadmapFile(file)).toThrow(/\(5 problems\):\n {2}.*missing-fields\.yaml:1:1 title is required\n/);
  });
});
