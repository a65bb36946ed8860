import type { Request } from 'express';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';

/**
 * Endpoints that act on the refresh cookie require a custom header (which a
 * cross-site form cannot send, and a cross-site script cannot without a CORS grant
 * that Cadenza never gives) and, when the browser sends one, a same-origin Origin.
 */
export function assertSameSiteRequest(request: Request, publicUrl: string): void {
  if (request.header(CSRF_HEADER) !== CSRF_HEADER_VALUE) {
    throw new DomainError('ACCESS.CSRF', 'forbidden', `This request must carry the ${CSRF_HEADER} header.`);
  }
  const origin = request.header('origin');
  if (origin && origin !== new URL(publicUrl).origin && origin !== `${request.protocol}://${request.header('host')}`) {
    throw new DomainError('ACCESS.CSRF', 'forbidden', 'Cross-site requests are not accepted here.');
  }
}
