/**
 * What went wrong, in terms a transport can map to a status without knowing the use case:
 * REST maps it to an HTTP status, the socket gateway to an error event.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'rate_limited'
  | 'unavailable';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `email` or `students.0.id`. */
  readonly field: string;
  readonly message: string;
}

/**
 * The one error type the domain throws. `code` is namespaced by context
 * (`IDENTITY.EMAIL_TAKEN`) and stable: clients may switch on it.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details: {
      readonly fields?: readonly FieldProblem[];
      readonly [key: string]: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, field: string, message: string): DomainError {
    return new DomainError(code, 'invalid', message, { fields: [{ field, message }] });
  }

  static notFound(code: string, what: string): DomainError {
    return new DomainError(code, 'not_found', `${what} was not found.`);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
