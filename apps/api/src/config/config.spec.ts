import { randomBytes } from 'node:crypto';
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

  it('reads the analytics settings: currency, tier shares, loyalty weights and care cadence', () => {
    const config = loadConfig({
      CRM_ANALYTICS_CURRENCY: 'USD',
      CRM_TIER_SHARES: 'key=0.2',
      CRM_LOYALTY_WEIGHTS: 'repeat=30, crossCategory=0',
      CRM_CARE_CADENCE_DAYS: 'key=5',
    });
    expect(config).toMatchObject({
      analyticsCurrency: 'USD',
      tierPolicy: { keyShare: 0.2, generalShare: 0.3 },
      loyaltyWeights: { repeat: 30, crossCategory: 0, referrals: 10, lifetimeValue: 10 },
      careCadenceDays: { key: 5 },
    });
  });

  it('reads the master key and the previous ones, base64 of 32 bytes each', () => {
    const [current, old, older] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const config = loadConfig({ CRM_MASTER_KEY: current.toString('base64'), CRM_MASTER_KEY_PREVIOUS: `${old.toString('base64')}, ${older.toString('base64')}` });
    expect(config).toMatchObject({ masterKey: current, previousMasterKeys: [old, older] });
    expect(loadConfig({ CRM_MASTER_KEY: ' ' })).not.toHaveProperty('masterKey');
  });

  it('refuses a master key that is not base64 of 32 bytes, naming the variable and never the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => loadConfig({ CRM_MASTER_KEY: short })).toThrow(/^CRM_MASTER_KEY must be 32 random bytes in base64 \(44 characters/);
    expect(() => loadConfig({ CRM_MASTER_KEY: short })).not.toThrow(short);
    expect(() => loadConfig({ CRM_MASTER_KEY_PREVIOUS: `${randomBytes(32).toString('base64')},${short}` })).toThrow(/^CRM_MASTER_KEY_PREVIOUS \(its key #2\) must be 32 random bytes/);
    expect(() => loadConfig({ CRM_MASTER_KEY_PREVIOUS: 'x' })).toThrow(/^CRM_MASTER_KEY_PREVIOUS must be 32 random bytes/);
  });

  it('refuses settings that cannot work, saying which', () => {
    expect(() => loadConfig({ CRM_ANALYTICS_CURRENCY: 'yuan' })).toThrow(/CRM_ANALYTICS_CURRENCY/);
    expect(() => loadConfig({ CRM_TIER_SHARES: 'key=0.7,general=0.4' })).toThrow(/CRM_TIER_SHARES.*leave a rest/);
    expect(() => loadConfig({ CRM_TIER_SHARES: 'vip=0.1' })).toThrow(/vip=0.1/);
    expect(() => loadConfig({ CRM_LOYALTY_WEIGHTS: 'repeat=25' })).toThrow(/CRM_LOYALTY_WEIGHTS.*sum to 100/);
    expect(() => loadConfig({ CRM_CARE_CADENCE_DAYS: 'key=0' })).toThrow(/key=0/);
    expect(() => loadConfig({ PORT: 'http' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ CRM_ADMIN_KEY: 'short' })).toThrow(/CRM_ADMIN_KEY/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'urgent=1' })).toThrow(/urgent=1/);
    expect(() => loadConfig({ CRM_COMPLAINT_SLA_HOURS: 'low=-3' })).toThrow(/low=-3/);
    expect(() => loadConfig({ CRM_PROJECTIONS: 'sometimes' })).toThrow(/CRM_PROJECTIONS/);
  });
});
