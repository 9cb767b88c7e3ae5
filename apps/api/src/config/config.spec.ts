import { loadConfig } from './config';

describe('configuration from the environment', () => {
  it('defaults to embedded PGlite in ./data on port 3000', () => {
    expect(loadConfig({})).toEqual({ port: 3000, dataDir: './data', databaseUrl: undefined, adminKey: undefined, complaintSlaHours: undefined, runProjections: true });
  });

  it('reads the database, port, admin key, complaint SLA and whether to apply the read models', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://crm@db/crm',
      PORT: '8080',
      CRM_ADMIN_KEY: 'a-long-enough-admin-key',
      CRM_COMPLAINT_SLA_HOURS: 'critical=2, high=12',
      CRM_PROJECTIONS: 'off',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://crm@db/crm', adminKey: 'a-long-enough-admin-key', complaintSlaHours: { critical: 2, high: 12 }, runProjections: false });
  });

  it('refuses settings that cannot work, saying which', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ CRM_ADMIN_KEY: 'short' })).toThrow(/CRM_ADMIN_KEY/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'urgent=1' })).toThrow(/urgent=1/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'low=-3' })).toThrow(/low=-3/);
    expect(() => loadConfig({ CRM_PROJECTIONS: 'sometimes' })).toThrow(/CRM_PROJECTIONS/);
  });
});
