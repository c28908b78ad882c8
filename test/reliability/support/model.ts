// The desired state kept beside the tenant: a flat map of keys ("p1.hidden", "fullAccess:sales:p1") to
// canonical JSON values, so the tenant (observed the same way) can be compared key by key, and a failed
// action's partial effect can be checked as "each key either as before or as intended".

export type State = Map<string, string>;

export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export class Model {
  readonly state: State = new Map();

  set(key: string, value: unknown): void {
    this.state.set(key, canonical(value));
  }

  delete(key: string): void {
    this.state.delete(key);
  }

  get(key: string): unknown {
    const text = this.state.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  clone(): Model {
    const copy = new Model();
    for (const [key, value] of this.state) copy.state.set(key, value);
    return copy;
  }
}

/** Keys whose observed value differs from the model (`expected` undefined = the key should not exist). */
export function differences(
  observed: State,
  model: State,
): { key: string; expected?: string; actual?: string }[] {
  const keys = new Set([...observed.keys(), ...model.keys()]);
  return [...keys]
    .filter((key) => observed.get(key) !== model.get(key))
    .sort()
    .map((key) => ({ key, expected: model.get(key), actual: observed.get(key) }));
}

/** Keys whose observed value is neither the `before` nor the `after` one. */
export function outsideEither(
  observed: State,
  before: State,
  after: State,
): { key: string; before?: string; after?: string; actual?: string }[] {
  const keys = new Set([...observed.keys(), ...before.keys(), ...after.keys()]);
  return [...keys]
    .filter((key) => observed.get(key) !== before.get(key) && observed.get(key) !== after.get(key))
    .sort()
    .map((key) => ({ key, before: before.get(key), after: after.get(key), actual: observed.get(key) }));
}
