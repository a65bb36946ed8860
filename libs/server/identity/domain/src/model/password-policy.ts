import { DomainError } from '@cadenza/shared/kernel';

/** The rule for every new password (invitation, reset, change); `field` names it in the problem. */
export function assertAcceptablePassword(password: string, field = 'password'): void {
  if (password.length < 10) {
    throw DomainError.invalid('IDENTITY.WEAK_PASSWORD', field, 'Use at least 10 characters.');
  }
  if (password.length > 200) {
    throw DomainError.invalid('IDENTITY.PASSWORD_TOO_LONG', field, 'Use at most 200 characters.');
  }
}
