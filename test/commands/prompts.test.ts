import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { planCommand } from '../../src/commands/plan.js';
import { CancelledError } from '../../src/errors.js';
import { testContext } from '../helpers/store.js';

/** Waits until the prompt screen shows `text`: prompts render after the command's own async work. */
async function waitFor(text: string): Promise<void> {
  for (let waited = 0; !screen.getScreen().includes(text); waited += 10) {
    if (waited > 5000) throw new Error(`The screen never showed ${JSON.stringify(text)}; it shows:\n${screen.getScreen()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('plan on a terminal', () => {
  it('asks for roadmap, track, hours and start date, showing each track with its hint', async () => {
    const context = testContext({ interactive: true, today: '2026-11-23' });
    const result = planCommand({}, context);

    await waitFor('Which roadmap?');
    screen.keypress('enter');

    await waitFor('Which language track?');
    expect(screen.getScreen()).toContain('41% of 1,000 backend job posts');
    screen.keypress('down');
    expect(screen.getScreen()).toContain('38% of 1,000 backend job posts');
    screen.keypress('enter');

    await waitFor('How many hours a week can you study?');
    screen.type('500');
    screen.keypress('enter');
    await waitFor('Enter a number of hours per week from 1 to 80.');
    for (let i = 0; i < 6; i++) screen.keypress('backspace');
    screen.type('8');
    screen.keypress('enter');

    await waitFor('Start date (YYYY-MM-DD)?');
    expect(screen.getScreen()).toContain('2026-11-23');
    screen.keypress('enter');

    const { plan } = await result;
    expect(plan.track).toBe('python');
    expect(plan.hoursPerWeek).toBe(8);
    expect(plan.start).toBe('2026-11-23');
    expect(context.store.read()!.profile.track).toBe('python');
  });

  it('asks only what the flags leave out', async () => {
    const context = testContext({ interactive: true });
    const result = planCommand({ roadmap: 'backend', track: 'node', start: '2026-01-05' }, context);
    await waitFor('How many hours a week can you study?');
    screen.type('12');
    screen.keypress('enter');
    expect((await result).plan.hoursPerWeek).toBe(12);
  });

  it('asks before replacing a plan, and keeps it when the answer is no', async () => {
    const context = testContext({ interactive: true });
    await planCommand({ roadmap: 'backend', track: 'node', hours: '10', start: '2026-01-05' }, context);
    const result = planCommand({ roadmap: 'backend', track: 'node', hours: '20', start: '2026-01-05' }, context);
    await waitFor('Replace your current plan?');
    screen.type('n');
    screen.keypress('enter');
    expect((await result).saved).toBe(false);
    expect(context.store.read()!.profile.hoursPerWeek).toBe(10);
  });

  it('turns Ctrl-C into a cancellation that saves nothing', async () => {
    const context = testContext({ interactive: true });
    const result = planCommand({ roadmap: 'backend' }, context);
    await waitFor('Which language track?');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(result).rejects.toBeInstanceOf(CancelledError);
    await expect(result).rejects.toThrow('Cancelled: your plan was not changed.');
    expect(context.store.read()).toBeUndefined();
  });
});

describe('confirmations on a terminal', () => {
  it('keeping the plan shows the saved one, on its own roadmap, not the new answers', async () => {
    const context = testContext({ interactive: true });
    await planCommand({ roadmap: 'backend', track: 'node', hours: '10', start: '2026-01-05' }, context);
    const result = planCommand({ roadmap: 'backend-extended', track: 'python', hours: '15', start: '2026-01-05' }, context);
    await waitFor('Replace your current plan?');
    screen.keypress('enter');
    const kept = await result;
    expect(kept.saved).toBe(false);
    expect(kept.roadmap.id).toBe('backend');
    expect(kept.plan).toMatchObject({ track: 'node', hoursPerWeek: 10, finish: '2026-05-24' });
  });

  it('reset asks first and keeps everything on no', async () => {
    const { resetCommand } = await import('../../src/commands/reset.js');
    const context = testContext({ interactive: true });
    await planCommand({ roadmap: 'backend', track: 'node', hours: '10', start: '2026-01-05' }, context);
    const result = resetCommand({}, context);
    await waitFor('Forget your plan and all progress?');
    screen.keypress('enter');
    expect(await result).toEqual({ reset: false, movedTo: null });
    expect(context.store.read()).toBeDefined();
  });

  it('replan shows the old and new finish and re-plans on yes', async () => {
    const { replanCommand } = await import('../../src/commands/replan.js');
    const context = testContext({ interactive: true, today: '2026-01-05' });
    await planCommand({ roadmap: 'backend', track: 'node', hours: '10', start: '2026-01-05' }, context);
    const later = { ...context, today: '2026-01-19' };
    const result = replanCommand({}, later);
    await waitFor('Re-plan the 9 remaining stages from today? The finish moves from 2026-05-24 to 2026-06-07.');
    screen.keypress('enter');
    expect(await result).toMatchObject({ replanned: true, newFinish: '2026-06-07', slipDays: 14 });
  });
});
