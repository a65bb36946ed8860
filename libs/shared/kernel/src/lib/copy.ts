/**
 * A deep copy of plain data (objects, arrays, dates, primitives) made in this
 * realm. Models copy their state in and out with it so that nobody outside can
 * change them. (structuredClone would do, but under some runners it hands back
 * dates from another realm, which `instanceof Date` then fails to recognise.)
 */
export function copyData<T>(value: T): T {
  if (value instanceof Date) {
    return new Date(value.getTime()) as T;
  }
  if (Array.isArray(value)) {
    return value.map((item) => copyData(item)) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = copyData(item);
    }
    return out as T;
  }
  return value;
}
