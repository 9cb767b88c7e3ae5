/** A DTO class: what `@DtoType` builds nested objects as, so that class-validator applies its rules. */
type DtoClass = new () => object;
/** `Number` converts a query-string value; any other target is a DTO class. */
type DtoTarget = DtoClass | NumberConstructor;

const declared = new Map<Function, Map<string, () => DtoTarget>>();
/** Per DTO class, the targets of its properties, its parents' included; reset when a declaration is added. */
let plans = new Map<Function, Map<string, DtoTarget>>();

/**
 * What a property's value becomes before validation: `@DtoType(() => LineDto)`
 * makes each object (alone or in an array) a `LineDto`, `@DtoType(() => Number)`
 * makes a query-string value a number. It stands in for class-transformer's
 * `@Type` and `plainToInstance`, whose generic machinery (exposure, groups,
 * maps, dates) was a fifth of a request's validation cost and is not used here.
 */
export function DtoType(target: () => DtoTarget): PropertyDecorator {
  return (prototype, property) => {
    const owner = prototype.constructor;
    if (!declared.has(owner)) declared.set(owner, new Map());
    declared.get(owner)!.set(String(property), target);
    plans = new Map();
  };
}

/**
 * The parsed JSON object (or query) as an instance of `dtoClass`: every key is
 * kept, unknown ones too, so that validation can refuse them; a value of the
 * wrong kind (a string where objects are declared) is left for validation to
 * name.
 */
export function toDto<T extends object>(dtoClass: new () => T, plain: object): T {
  const plan = planOf(dtoClass);
  const dto = new dtoClass() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    const value = (plain as Record<string, unknown>)[key];
    const target = plan.get(key);
    dto[key] = target ? convert(target, value) : value;
  }
  return dto as T;
}

/** An array's items are converted, not arrays within it: validation names an array where an object belongs. */
function convert(target: DtoTarget, value: unknown): unknown {
  return Array.isArray(value) ? value.map((item) => convertOne(target, item)) : convertOne(target, value);
}

function convertOne(target: DtoTarget, value: unknown): unknown {
  if (target === Number) return typeof value === 'string' ? Number(value) : value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return toDto(target as DtoClass, value);
}

function planOf(dtoClass: Function): Map<string, DtoTarget> {
  let plan = plans.get(dtoClass);
  if (plan) return plan;
  plan = new Map();
  // The class's own declarations win over its parents'.
  for (let owner = dtoClass; owner && owner !== Function.prototype; owner = Object.getPrototypeOf(owner)) {
    for (const [property, target] of declared.get(owner) ?? []) if (!plan.has(property)) plan.set(property, target());
  }
  plans.set(dtoClass, plan);
  return plan;
}
