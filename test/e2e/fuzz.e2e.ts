import { fuzzOpenApi, fuzzTarget } from '@crm/testing';
import { startApi, type TestApi } from '../support/api';

/**
 * Every route in /docs-json, driven with generated requests (a bounded count
 * here; `npm run bench -- fuzz` runs 20,000): never a 5xx, every refusal a
 * problem with a code (and field paths for a 400), no refused write moving a
 * stream. CRM_FUZZ_SEED replays a run.
 */
describe('every route under generated input (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers 600 generated requests without a server error or a half-refused write', async () => {
    const seed = Number(process.env.CRM_FUZZ_SEED ?? 20261202);
    const report = await fuzzOpenApi(await fuzzTarget(api.url, api.adminKey), { requests: 600, seed });
    expect({ seed, faults: report.faults, serverErrors: report.serverErrors, movedOnRefusal: report.movedOnRefusal }).toEqual({ seed, faults: [], serverErrors: 0, movedOnRefusal: 0 });
    // The run reached past validation too: some writes were accepted and some refused by business rules.
    expect(report.byStatus['201']).toBeGreaterThan(0);
    expect(Object.keys(report.byStatus)).toEqual(expect.arrayContaining(['201', '400', '404']));
  }, 300_000);
});
