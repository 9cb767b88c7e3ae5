import { isDatabaseUnavailable } from './unavailable';

describe('a database that cannot answer now', () => {
  it('is told apart from errors of the request itself', () => {
    for (const code of ['DATABASE_UNREACHABLE', 'ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '57014', '08006', '53300']) {
      expect({ code, unavailable: isDatabaseUnavailable(Object.assign(new Error('x'), { code })) }).toEqual({ code, unavailable: true });
    }
    for (const error of [new Error('x'), Object.assign(new Error('x'), { code: '23505' }), Object.assign(new Error('x'), { code: '22P02' }), null, 'text']) {
      expect(isDatabaseUnavailable(error)).toBe(false);
    }
  });
});
