import { getMetadataStorage } from 'class-validator';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];
type Lookup = MetadataStorage['getTargetValidationMetadatas'];
type Grouping = MetadataStorage['groupByPropertyName'];

let installed = false;

/**
 * class-validator looks up a class's rules anew for every object it checks,
 * scanning every class it knows for parents, and groups them by property
 * again: a tenth of a request's CPU here. The rules are fixed once the DTO
 * classes are loaded, so both answers are remembered, and forgotten whenever
 * a rule is added. The answers are only read by class-validator, never changed.
 */
export function rememberValidationRules(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group: Grouping = storage.groupByPropertyName.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let lookups = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let groupings = new WeakMap<ValidationMetadata[], ReturnType<Grouping>>();

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = groups?.length ? `${schema}|${always}|${strictGroups}|${groups.join(',')}` : `${schema}|${always}|${strictGroups}`;
    let forTarget = lookups.get(target);
    if (!forTarget) lookups.set(target, (forTarget = new Map()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let grouped = groupings.get(rules);
    if (!grouped) groupings.set(rules, (grouped = group(rules)));
    return grouped;
  };
  storage.addValidationMetadata = (rule) => {
    lookups = new Map();
    groupings = new WeakMap();
    addRule(rule);
  };
}
