import { HttpErrorResponse } from '@angular/common/http';
import type { ProblemDetails } from '@cadenza/shared/contracts';

function isProblemBody(body: unknown): body is Partial<ProblemDetails> & { title: string } {
  return typeof body === 'object' && body !== null && typeof (body as { title?: unknown }).title === 'string';
}

function problem(status: number, code: string, title: string, detail: string): ProblemDetails {
  return { type: 'about:blank', status, code, title, detail };
}

/** Turns whatever an API call failed with into RFC 9457 problem details fit to show. */
export function toProblem(error: unknown): ProblemDetails {
  if (!(error instanceof HttpErrorResponse)) {
    return problem(0, 'CLIENT.UNEXPECTED', 'Something went wrong', 'Please try again.');
  }
  const body: unknown = error.error;
  if (isProblemBody(body)) {
    return { type: 'about:blank', code: `HTTP.${error.status}`, ...body, status: typeof body.status === 'number' ? body.status : error.status } as ProblemDetails;
  }
  if (error.status === 0) {
    return problem(0, 'NETWORK.UNREACHABLE', 'Cadenza cannot be reached', 'Check your connection and try again.');
  }
  if (error.status === 429) {
    return problem(429, 'HTTP.429', 'Too many attempts', 'Please wait a few minutes and try again.');
  }
  return problem(error.status, `HTTP.${error.status}`, 'Something went wrong', 'Please try again. If it keeps happening, contact your school.');
}

/** The first message for each field named by a validation problem. */
export function fieldErrors(problemDetails: ProblemDetails | null): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { field, message } of problemDetails?.errors ?? []) {
    result[field] ??= message;
  }
  return result;
}
