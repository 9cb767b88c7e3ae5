import { loadConfig } from './config';

describe('configuration from the environment', () => {
  it('defaults to embedded PGlite in ./data on port 3000', () => {
    expect(loadConfig({})).toEqual({ port: 3000, dataDir: './data', databaseUrl: undefined, adminKey: undefined, complaintSlaHours: undefined });
  });

  it('reads the database, port, admin key and complaint SLA', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://crm@db/crm',
      PORT: '8080',
      CRM_ADMIN_KEY: 'a-long-enough-admin-key',
      CRM_COMPLAINT_SLA_HOURS: 'critical=2, high=12',
    });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://crm@db/crm', adminKey: 'a-long-enough-admin-key', complaintSlaHours: { critical: 2, high: 12 } });
  });

  it('refuses settings that cannot work, saying which', () => {
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ CRM_ADMIN_KEY: 'short' })).toThrow(/CRM_ADMIN_KEY/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'urgent=1' })).toThrow(/urgent=1/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'low=-3' })).toThrow(/low=-3/);
  });
});
