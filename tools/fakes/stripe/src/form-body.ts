/**
 * Stripe's API takes `application/x-www-form-urlencoded` bodies with nested keys (`line_items[0][price_data][currency]`),
 * as the official client writes them. Parses such a body into objects and arrays; every leaf stays a string, as the
 * wire has it, and each handler converts what it reads.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

export function parseFormBody(body: string): FormObject {
  const root: FormObject = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = keyPath(rawKey);
    let node: FormObject = root;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        node[segment] = value;
        return;
      }
      const next = node[segment];
      if (typeof next !== 'object' || next === null) node[segment] = {};
      node = node[segment] as FormObject;
    });
  }
  return arraysFromIndexedObjects(root) as FormObject;
}

/** `a[b][0]` → ['a', 'b', '0']. */
function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first < 0) return [key];
  const rest = [...key.slice(first).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
  return [key.slice(0, first), ...rest];
}

/** Objects whose keys are 0, 1, 2… are the client's arrays. */
function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const converted = Object.fromEntries(keys.map((k) => [k, arraysFromIndexedObjects(value[k] as FormValue)]));
  if (keys.length > 0 && keys.every((k, i) => k === String(i))) return keys.map((k) => converted[k] as FormValue);
  return converted;
}

/** The string at `key`, or undefined. */
export function text(form: FormObject, key: string): string | undefined {
  const v = form[key];
  return typeof v === 'string' ? v : undefined;
}

/** The object at `key`, or an empty one. */
export function object(form: FormObject, key: string): FormObject {
  const v = form[key];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
}

/** The strings of a flat object (metadata). */
export function strings(form: FormObject): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
