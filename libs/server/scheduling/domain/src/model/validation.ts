import { DomainError, HOUR } from '@cadenza/shared/kernel';

export function cleanText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max) {
    throw DomainError.invalid('SCHEDULING.INVALID_TEXT', field, `Enter 1 to ${max} characters.`);
  }
  return trimmed;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim().length === 0) return null;
  return cleanText(value, field, max);
}

export function wholeNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw DomainError.invalid('SCHEDULING.INVALID_NUMBER', field, `Must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** A lesson's span: valid instants, end after start, shorter than a day. */
export function assertLessonSpan(start: Date, end: Date): void {
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw DomainError.invalid('SCHEDULING.INVALID_TIME', 'start', 'Start and end must be valid instants.');
  }
  if (end.getTime() <= start.getTime()) {
    throw DomainError.invalid('SCHEDULING.END_BEFORE_START', 'end', 'The end must come after the start.');
  }
  if (end.getTime() - start.getTime() >= 24 * HOUR) {
    throw DomainError.invalid('SCHEDULING.INVALID_DURATION', 'end', 'A lesson must be shorter than 24 hours.');
  }
}

export function assertDuration(minutes: number, field = 'durationMinutes'): number {
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes >= 24 * 60) {
    throw DomainError.invalid('SCHEDULING.INVALID_DURATION', field, 'A duration is a whole number of minutes, above zero and under 24 hours.');
  }
  return minutes;
}
