import { DomainError } from '@cadenza/shared/kernel';

export const MAX_BODY_LENGTH = 4000;
export const MAX_SUBJECT_LENGTH = 120;
export const MAX_REASON_LENGTH = 1000;

// C0 controls other than tab (\u0009) and newline (\u000A), DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// What is left of bytes that were not UTF-8 (the replacement character), and halves of a surrogate pair on their own.
const NOT_TEXT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Checks free text typed by a person: trimmed, not empty, at most `max` characters (code points),
 * no control characters but newlines and tabs. Windows line endings become `\n` first.
 */
export function cleanText(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') throw DomainError.invalid('MESSAGING.INVALID_TEXT', field, 'Enter some text.');
  const text = value.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) throw DomainError.invalid('MESSAGING.EMPTY_TEXT', field, 'Enter some text; it cannot be only spaces.');
  if ([...text].length > max) throw DomainError.invalid('MESSAGING.TEXT_TOO_LONG', field, `Enter at most ${max} characters.`);
  if (CONTROL.test(text)) throw DomainError.invalid('MESSAGING.CONTROL_CHARACTERS', field, 'Remove the control characters (only new lines and tabs are allowed).');
  if (NOT_TEXT.test(text)) throw DomainError.invalid('MESSAGING.INVALID_CHARACTERS', field, 'The text is not valid UTF-8; remove the garbled characters.');
  return text;
}

export function cleanBody(value: unknown): string {
  return cleanText(value, 'body', MAX_BODY_LENGTH);
}

export function optionalSubject(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  return cleanText(value, 'subject', MAX_SUBJECT_LENGTH);
}
