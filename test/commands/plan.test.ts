import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planCommand } from '../../src/commands/plan.js';
import { UsageError } from '../../src/errors.js';
import { fixture } from '../helpers/paths.js';
import { testContext } from '../helpers/store.js';

describe('plan without a terminal', () => {
  it('builds, returns and saves the plan from flags', async () => {
    const context = testContext();
    const result = await planCommand({ track: 'python', hours: '10', start: '2026-01-05' }, context);
    expect(result.plan.roadmap.id).toBe('backend');
    expect(result.plan.track).toBe('python');
    expect(result.plan.start).toBe('2026-01-05');
    expect(result.plan.totalHours).toBe(200);
    expect(result.plan.weeks).toHaveLength(20);
    expect(result.plan.finish).toBe('2026-05-24');
    const saved = JSON.parse(readFileSync(context.store.path, 'utf8'));
    expect(saved.profile).toEqual({ roadmap: { id: 'backend' }, track: 'python', hoursPerWeek: 10, start: '2026-01-05' });
    expect(saved.baseline.finish).toBe('2026-05-24');
    expect(saved.baseline.stages).toHaveLength(9);
  });

  it('starts today when --start is left out', async () => {
    const result = await planCommand({ track: 'node', hours: '20' }, testContext({ today: '2026-11-22' }));
    expect(result.plan.start).toBe('2026-11-22');
  });

  it.each([
    [{ track: 'node', hours: '0' }, '--hours must be a number of hours per week from 1 to 80; got "0".'],
    [{ track: 'node', hours: 'abc' }, '--hours must be a number of hours per week from 1 to 80; got "abc".'],
    [{ track: 'node', hours: '500' }, '--hours must be a number of hours per week from 1 to 80; got "500".'],
    [{ track: 'ruby', hours: '10' }, 'Unknown track "ruby". The backend roadmap has: node (Node.js (TypeScript)), python (Python).'],
    [{ track: 'node', hours: '10', start: '2026-02-30' }, '--start must be a real calendar date written YYYY-MM-DD, e.g. 2026-03-02; got "2026-02-30".'],
    [{ track: 'node', hours: '10', roadmap: 'frontend' }, 'Unknown roadmap "frontend". Built-in roadmaps are: backend, backend-extended.'],
    [{ track: 'node', hours: '10', roadmap: './missing.yaml' }, /Roadmap file .*missing\.yaml does not exist\./],
    [{ hours: '10' }, 'No terminal to ask on, so pass --track.'],
    [{}, 'No terminal to ask on, so pass --track and --hours.'],
  ])('refuses %j as a usage error', async (options, message) => {
    const context = testContext();
    const attempt = planCommand(options, context);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(planCommand(options, context)).rejects.toThrow(message);
    expect(context.store.read()).toBeUndefined();
  });

  it('asks for --yes before replacing a plan, and keeps completed stages', async () => {
    const context = testContext();
    await planCommand({ track: 'node', hours: '10' }, context);
    await context.store.update((data) => ({ ...data!, progress: { language: { status: 'done', date: '2026-02-01' } } }));
    await expect(planCommand({ track: 'node', hours: '15' }, context)).rejects.toThrow('You already have a plan; pass --yes to replace it');
    const result = await planCommand({ track: 'node', hours: '15', yes: true }, context);
    expect(result.replaced).toBe(true);
    expect(result.plan.stages[0]!.status).toBe('done');
    expect(result.plan.totalHours).toBe(140);
    expect(context.store.read()!.progress.language!.status).toBe('done');
    expect(context.store.read()!.profile.hoursPerWeek).toBe(15);
  });

  it('re-running with the same answers changes nothing and needs no --yes', async () => {
    const context = testContext();
    await planCommand({ track: 'node', hours: '10', start: '2026-01-05' }, context);
    const before = readFileSync(context.store.path, 'utf8');
    const again = await planCommand({ track: 'node', hours: '10', start: '2026-01-05' }, testContext({ store: context.store, today: '2026-02-01' }));
    expect(again.replaced).toBe(false);
    expect(readFileSync(context.store.path, 'utf8')).toBe(before);
  });

  it('plans from a roadmap file and remembers its path and hash', async () => {
    const context = testContext();
    const result = await planCommand({ track: 'python', hours: '7', roadmap: fixture('roadmaps/valid.yaml') }, context);
    expect(result.plan.totalHours).toBe(9);
    const profile = context.store.read()!.profile;
    expect(profile.roadmap.id).toBe('mini');
    expect(profile.roadmap.file).toBe(fixture('roadmaps/valid.yaml'));
    expect(profile.roadmap.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
