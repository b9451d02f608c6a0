import { describe, expect, it } from 'vitest';
import { listLeadsInput, queueLeadsInput } from '../../../src-shared/contract/leads';
import { searchFrom } from '../../../src-renderer/src/router/search';

/**
 * The waiting-time filter in the URL: the leads routes build their search schema from the
 * procedures' own input fields (routes.tsx), so `?olderThanDays=7` reaches leads.queue as 7 and
 * a value the procedure would refuse is dropped rather than shown as an error page.
 */
describe('olderThanDays in the leads URLs', () => {
  for (const [name, input] of [
    ['queue', queueLeadsInput],
    ['list', listLeadsInput],
  ] as const) {
    const search = searchFrom(input.pick({ olderThanDays: true, duplicate: true }).shape);
    it(`${name}: a whole number of days 1–3650 is kept, anything else dropped`, () => {
      expect(search.parse({ olderThanDays: 7 })).toEqual({ olderThanDays: 7 });
      expect(search.parse({ olderThanDays: 3650, duplicate: true })).toEqual({ olderThanDays: 3650, duplicate: true });
      for (const bad of [0, -3, 2.5, 3651, '7', null]) expect(search.parse({ olderThanDays: bad, duplicate: true })).toEqual({ duplicate: true });
    });
  }
});
