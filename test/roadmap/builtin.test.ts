import { describe, expect, it } from 'vitest';
import { builtinRoadmaps, resolveRoadmap } from '../../src/roadmap/builtin.js';
import { stageHours, type Roadmap, type Stage } from '../../src/roadmap/types.js';
import { fixture } from '../helpers/paths.js';

const roadmaps = await builtinRoadmaps();
const byId = (id: string): Roadmap => roadmaps.find((r) => r.id === id)!;
const total = (roadmap: Roadmap, track: string) => roadmap.stages.reduce((sum, s) => sum + stageHours(s, track), 0);

function resourcesFor(stage: Stage, track: string) {
  return [...(stage.resources ?? []), ...(stage.tracks?.[track]?.resources ?? [])];
}

describe('built-in roadmaps', () => {
  it('ships backend (first, the default) and backend-extended', () => {
    expect(roadmaps.map((r) => r.id)).toEqual(['backend', 'backend-extended']);
  });

  describe.each(roadmaps.map((r) => [r.id, r] as const))('%s', (_id, roadmap) => {
    it('has node and python tracks and credits its sources', () => {
      expect(Object.keys(roadmap.tracks).sort()).toEqual(['node', 'python']);
      expect(roadmap.sources?.length).toBeGreaterThan(0);
      expect(roadmap.reference_hours_per_week).toBeGreaterThan(0);
    });

    it.each(roadmap.stages.map((s) => [s.id, s] as const))('stage %s is complete for both tracks', (_stage, stage) => {
      expect(stage.summary).toMatch(/\d/);
      expect(stage.topics?.length ?? 0).toBeGreaterThan(0);
      expect(stage.project).toBeTruthy();
      for (const track of ['node', 'python']) {
        expect(stageHours(stage, track)).toBeGreaterThan(0);
        const free = resourcesFor(stage, track).filter((r) => r.free);
        expect(free.length, `${stage.id} free resources on ${track}`).toBeGreaterThanOrEqual(2);
        for (const resource of resourcesFor(stage, track)) expect(resource.url).toMatch(/^https:\/\//);
      }
    });
  });

  it('backend is the nine job-listing steps, about 20 weeks at its reference pace', () => {
    const backend = byId('backend');
    expect(backend.stages.map((s) => s.id)).toEqual(['language', 'http', 'rest-api', 'sql-postgres', 'orm', 'auth', 'deploy', 'testing', 'portfolio']);
    for (const track of ['node', 'python']) {
      expect(total(backend, track) / backend.reference_hours_per_week!).toBe(20);
    }
  });

  it('backend-extended takes 8 to 12 months at 10 to 15 hours a week', () => {
    const extended = byId('backend-extended');
    const ids = extended.stages.map((s) => s.id);
    for (const id of ['database-design', 'api-docs', 'auth-security', 'docker', 'cloud', 'ci-cd', 'caching-redis', 'ai-integration', 'capstone']) {
      expect(ids).toContain(id);
    }
    for (const track of ['node', 'python']) {
      const hours = total(extended, track);
      const monthsAt15 = hours / 15 / (52 / 12);
      const monthsAt10 = hours / 10 / (52 / 12);
      expect(monthsAt15).toBeGreaterThanOrEqual(8);
      expect(monthsAt10).toBeLessThanOrEqual(12.5);
    }
  });

  it('gives the two tracks different frameworks, ORMs and test tools', () => {
    for (const roadmap of roadmaps) {
      const tools = (track: string) => roadmap.stages.flatMap((s) => s.tracks?.[track]?.tools ?? []).join(' ');
      expect(tools('node')).toMatch(/Express/);
      expect(tools('node')).toMatch(/Prisma/);
      expect(tools('node')).toMatch(/supertest/);
      expect(tools('python')).toMatch(/FastAPI/);
      expect(tools('python')).toMatch(/SQLAlchemy/);
      expect(tools('python')).toMatch(/pytest/);
    }
  });
});

describe('resolveRoadmap', () => {
  it('finds a built-in by id and a file by path', async () => {
    expect((await resolveRoadmap('backend-extended')).roadmap.id).toBe('backend-extended');
    const fromFile = await resolveRoadmap(fixture('roadmaps/valid.yaml'));
    expect(fromFile.roadmap.id).toBe('mini');
    expect(fromFile.file?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the built-ins when the id is unknown', async () => {
    await expect(resolveRoadmap('frontend')).rejects.toThrow('Unknown roadmap "frontend". Built-in roadmaps are: backend, backend-extended.');
  });
});
