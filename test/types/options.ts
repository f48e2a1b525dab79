// Checked by `npm run typecheck`, never run: every call below passes a wrongly typed option
// object (or argument) to a command, and each must be refused by the type checker. An accepted
// one makes its `@ts-expect-error` unused, which tsc reports as an error.
import { checkCommand } from '../../src/commands/check.js';
import type { CommandContext } from '../../src/commands/context.js';
import { exportCommand } from '../../src/commands/export.js';
import { linkCommand } from '../../src/commands/link.js';
import { logCommand } from '../../src/commands/log.js';
import { markCommand } from '../../src/commands/mark.js';
import { noteCommand } from '../../src/commands/note.js';
import { planCommand } from '../../src/commands/plan.js';
import { replanCommand } from '../../src/commands/replan.js';
import { resetCommand } from '../../src/commands/reset.js';
import { showRoadmapCommand } from '../../src/commands/roadmaps.js';
import { startCommand, stopCommand } from '../../src/commands/session.js';

declare const context: CommandContext;

// @ts-expect-error hours a week are a number
void planCommand({ hours: 'ten' }, context);
// @ts-expect-error the start is a date string
void planCommand({ start: new Date() }, context);
// @ts-expect-error --yes is a flag
void replanCommand({ yes: 'yes' }, context);
// @ts-expect-error hours a week are a number
void replanCommand({ hours: '5' }, context);
// @ts-expect-error --yes is a flag
void resetCommand({ yes: 1 }, context);
// @ts-expect-error a mark is done, skip or undo
void markCommand('finish', ['rest-api'], {}, context);
// @ts-expect-error the date is a date string
void markCommand('done', ['rest-api'], { date: 20261123 }, context);
// @ts-expect-error the hours logged are a number
void logCommand('1.5', {}, context);
// @ts-expect-error --stage names one stage
void logCommand(1.5, { stage: ['rest-api'] }, context);
// @ts-expect-error --at is a parsed time, not text
void stopCommand({ at: '21:30' }, context);
// @ts-expect-error the stage is named by text
void startCommand(3, context);
// @ts-expect-error --url is text
void checkCommand('rest-api', { url: new URL('http://localhost:3000') }, context);
// @ts-expect-error the format is one of ics, md, json or svg
void exportCommand({ format: 'pdf' }, context);
// @ts-expect-error --session-time is a parsed time
void exportCommand({ format: 'ics', sessions: true, sessionTime: '18:00' }, context);
// @ts-expect-error --track names one track
void showRoadmapCommand('backend', { track: true }, context);
// @ts-expect-error the note is text
void noteCommand('rest-api', { text: 'hi' }, context);
// @ts-expect-error the link is text
void linkCommand('rest-api', new URL('https://example.com'), context);
