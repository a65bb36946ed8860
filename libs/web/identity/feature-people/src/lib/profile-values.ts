/** A list typed as "Piano, Violin": its items trimmed, empty ones dropped. */
export const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** A text field's value as a profile keeps it: trimmed, and none when empty. */
export const textOrNull = (text: string): string | null => text.trim() || null;

/** Whether two lists hold the same items in the same order. */
export const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, i) => item === b[i]);
