import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findBuiltin } from '../../src/roadmap/builtin.js';
import { matchStage } from '../../src/roadmap/match.js';

const backend = (await findBuiltin('backend'))!;

describe('matchStage', () => {
  it.each([
    ['sql-postgres', 'sql-postgres'],
    ['4', 'sql-postgres'],
    ['9', 'portfolio'],
    ['SQL and', 'sql-postgres'],
    ['build a rest', 'rest-api'],
    ['auth', 'auth'],
    ['Deploy', 'deploy'],
    ['  orm  ', 'orm'],
  ])('finds %j', (name, id) => {
    expect(matchStage(backend, name).id).toBe(id);
  });

  it('refuses a prefix that fits several stages and names them', () => {
    const roadmap = {
      ...backend,
      stages: [...backend.stages, { ...backend.stages[3]!, id: 'sql-advanced', title: 'SQL, advanced' }],
    };
    expect(() => matchStage(roadmap, 'sql')).toThrow(
      '"sql" fits more than one stage: sql-postgres, sql-advanced. Name one of them.',
    );
  });

  it.each([
    ['sqll', '"sql-postgres"'],
    ['tesitng', '"testing"'],
    ['deplyo', '"deploy"'],
    ['portfolo', '"portfolio"'],
  ])('suggests the closest id for %j', (name, suggestion) => {
    expect(() => matchStage(backend, name)).toThrow(UsageError);
    expect(() => matchStage(backend, name)).toThrow(`Unknown stage "${name}". Did you mean ${suggestion}?`);
  });

  it('explains the numbering for a number out of range', () => {
    expect(() => matchStage(backend, '12')).toThrow('There is no stage "12": stages are numbered 1 to 9.');
    expect(() => matchStage(backend, '0')).toThrow(UsageError);
  });

  it('points to the list of stages', () => {
    try {
      matchStage(backend, 'kubernetes');
    } catch (error) {
      expect((error as UsageError).hint).toContain('backend-path status');
      return;
    }
    throw new Error('no error');
  });

  it('lists the ids instead of guessing when nothing is near', () => {
    expect(() => matchStage(backend, 'kafka')).toThrow(
      'Unknown stage "kafka". Stage ids are: language, http, rest-api, sql-postgres, orm, auth, deploy, testing, portfolio.',
    );
  });
});
