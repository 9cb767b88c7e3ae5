import type { StoredCareFact } from './care-facts';
import { careSourcesOf as sourcesOfCard, foldCareFacts } from './care-sources';

/** The dates of a customer at T: its facts folded, then read off the card. */
const careSourcesOf = (customerId: string, name: string, facts: readonly StoredCareFact[], T: number) => sourcesOfCard(customerId, name, foldCareFacts(facts, T));

const at = (iso: string) => Date.parse(iso);
const fact = (day: string, streamVersion: number, f: StoredCareFact['fact']): StoredCareFact => ({ customerId: 'c-1', at: at(`${day}T00:00:00Z`), streamVersion, fact: f });

describe('the care dates of one customer at T', () => {
  const facts = [
    fact('2024-01-01', 1, { kind: 'card', birthday: '1980-02-29', family: [{ relation: 'son', name: '小明', birthday: '2010-05-01' }, { relation: 'wife', name: '王芳' }] }),
    fact('2024-01-02', 2, { kind: 'contact', contactId: 'ct-1', name: '李娜', birthday: '1975-03-09' }),
    fact('2024-01-03', 3, { kind: 'contact', contactId: 'ct-2', name: '刘强', birthday: '1990-07-07' }),
    // Back-dated: recorded later, happened first; a later list replaces the family, a later null clears the birthday.
    fact('2023-12-01', 4, { kind: 'card', anniversaries: [{ label: '合作周年', date: '2019-06-05' }] }),
    fact('2024-02-01', 5, { kind: 'card', family: [] }),
    fact('2024-02-02', 6, { kind: 'contact', contactId: 'ct-2', removed: true }),
    fact('2024-02-03', 7, { kind: 'contact', contactId: 'ct-1', birthday: null }),
    fact('2024-02-04', 8, { kind: 'card', birthday: null }),
  ];

  it('folds the card and the contacts in business-time order up to T', () => {
    expect(careSourcesOf('c-1', '华南商行', facts, at('2024-01-15T00:00:00Z'))).toEqual([
      { customerId: 'c-1', kind: 'birthday', label: '华南商行', date: '1980-02-29' },
      { customerId: 'c-1', kind: 'family-birthday', label: '小明 (son)', date: '2010-05-01' },
      { customerId: 'c-1', kind: 'anniversary', label: '合作周年', date: '2019-06-05' },
      { customerId: 'c-1', kind: 'contact-birthday', label: '李娜', date: '1975-03-09' },
      { customerId: 'c-1', kind: 'contact-birthday', label: '刘强', date: '1990-07-07' },
    ]);
  });

  it('drops what a later fact replaced, cleared or removed, and keeps what it did not name', () => {
    expect(careSourcesOf('c-1', '华南商行', facts, at('2024-03-01T00:00:00Z'))).toEqual([
      { customerId: 'c-1', kind: 'anniversary', label: '合作周年', date: '2019-06-05' },
    ]);
  });

  it('knows nothing before the first fact, and a fact exactly at T counts', () => {
    expect(careSourcesOf('c-1', 'x', facts, at('2023-11-30T23:59:59.999Z'))).toEqual([]);
    expect(careSourcesOf('c-1', 'x', facts, at('2023-12-01T00:00:00Z')).map((s) => s.kind)).toEqual(['anniversary']);
  });
});
