import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, toProblem } from './problem';

describe('toProblem', () => {
  it('keeps the problem details the server sent', () => {
    const body = {
      type: 'https://cadenza.school/problems/validation',
      title: 'Some fields need attention',
      status: 400,
      code: 'VALIDATION.INVALID',
      errors: [{ field: 'email', message: 'Enter a valid email address.' }],
    };
    expect(toProblem(new HttpErrorResponse({ status: 400, error: body }))).toEqual(body);
  });

  it("shows the server's detail when rate limited", () => {
    const body = { title: 'Too Many Requests', status: 429, code: 'HTTP.TOO_MANY_REQUESTS', detail: 'Too many sign-in attempts. Try again in 15 minutes.' };
    expect(toProblem(new HttpErrorResponse({ status: 429, error: body })).detail).toBe('Too many sign-in attempts. Try again in 15 minutes.');
  });

  it('explains a rate limit without a body', () => {
    expect(toProblem(new HttpErrorResponse({ status: 429 }))).toMatchObject({ status: 429, title: 'Too many attempts' });
  });

  it('explains an unreachable server', () => {
    expect(toProblem(new HttpErrorResponse({ status: 0 }))).toMatchObject({ code: 'NETWORK.UNREACHABLE' });
  });

  it('falls back to a generic problem for other failures', () => {
    expect(toProblem(new HttpErrorResponse({ status: 502, error: '<html>bad gateway</html>' }))).toMatchObject({ status: 502, title: 'Something went wrong' });
    expect(toProblem(new Error('boom'))).toMatchObject({ title: 'Something went wrong' });
  });
});

describe('fieldErrors', () => {
  it('maps each field to its first message', () => {
    const problem = toProblem(
      new HttpErrorResponse({
        status: 400,
        error: {
          title: 'Invalid',
          status: 400,
          code: 'VALIDATION.INVALID',
          errors: [
            { field: 'email', message: 'first' },
            { field: 'email', message: 'second' },
            { field: 'password', message: 'Enter your password.' },
          ],
        },
      }),
    );
    expect(fieldErrors(problem)).toEqual({ email: 'first', password: 'Enter your password.' });
    expect(fieldErrors(null)).toEqual({});
  });
});
