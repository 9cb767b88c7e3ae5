/**
 * What the care agenda keeps of the profile card and the contacts: only the dates to care about
 * and whom they belong to. A card fact holds just the fields its update named (a list given
 * replaces the stored one, `birthday: null` clears it), so folding them in C1 order gives the
 * card at T.
 */
export type CareFact =
  | {
      kind: 'card';
      birthday?: string | null;
      family?: { relation: string; name: string; birthday?: string }[];
      anniversaries?: { label: string; date: string }[];
    }
  | { kind: 'contact'; contactId: string; name?: string; birthday?: string | null; removed?: true };

export interface StoredCareFact {
  customerId: string;
  at: number;
  streamVersion: number;
  fact: CareFact;
}

/** The facts per customer, each customer's in the order given. */
export function careFactsByCustomer(facts: readonly StoredCareFact[]): Map<string, StoredCareFact[]> {
  const groups = new Map<string, StoredCareFact[]>();
  for (const f of facts) {
    const own = groups.get(f.customerId);
    if (own) own.push(f);
    else groups.set(f.customerId, [f]);
  }
  return groups;
}
