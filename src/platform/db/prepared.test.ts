import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { preparedQuery } from './prepared.js';

describeEachDatabase('prepared queries', (get) => {
  it('runs the compiled query with each call’s values, keeping constant parameters', async () => {
    const { ctx } = get();
    await ctx.db
      .insertInto('schedules')
      .values([
        {
          name: 'a',
          cron: '0 7 * * *',
          timezone: 'UTC',
          job_name: 'j1',
          next_run_at: '2026-01-01T07:00:00.000Z',
        },
        {
          name: 'b',
          cron: '0 8 * * *',
          timezone: 'UTC',
          job_name: 'j2',
          next_run_at: '2026-01-01T08:00:00.000Z',
        },
      ])
      .execute();
    const byName = preparedQuery((db, name: string) =>
      db
        .selectFrom('schedules')
        .select(['name', 'job_name'])
        .where('name', '=', name)
        .where('timezone', '=', 'UTC'),
    );
    expect(await byName(ctx.db, 'a')).toEqual([{ name: 'a', job_name: 'j1' }]);
    expect(await byName(ctx.db, 'b')).toEqual([{ name: 'b', job_name: 'j2' }]);
    expect(await byName(ctx.db, 'missing')).toEqual([]);
  });

  it('refuses a query that transforms its argument', async () => {
    const { ctx } = get();
    const lowered = preparedQuery((db, name: string) =>
      db.selectFrom('schedules').select('name').where('name', '=', name.slice(1)),
    );
    await expect(lowered(ctx.db, 'x')).rejects.toThrow(/every argument/);
  });
});
