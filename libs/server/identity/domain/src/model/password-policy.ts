import { DomainError } from '@cadenza/shared/kernel';

export function assertAcceptablePassword(password: string): void {
  if (password.length < 10) {
    throw DomainError.invalid('IDENTITY.WEAK_PASSWORD', 'password', 'Use at least 10 characters.');
  }
  if (password.length > 200) {
    throw DomainError.invalid('IDENTITY.PASSWORD_TOO_LONG', 'password', 'Use at most 200 characters.');
  }
}
