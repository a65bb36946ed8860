import { DomainError } from '@cadenza/shared/kernel';

/** Identity's 404: what was asked for is not there, or not for this caller to see. */
export const notFound = (what: string) => DomainError.notFound('IDENTITY.NOT_FOUND', what);
