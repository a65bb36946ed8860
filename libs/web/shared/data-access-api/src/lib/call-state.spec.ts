import { HttpErrorResponse } from '@angular/common/http';
import { Subject, of, throwError } from 'rxjs';
import { CallState } from './call-state';

describe('CallState', () => {
  it('is busy while the call is out and hands its answer on', () => {
    const state = new CallState();
    const answer = new Subject<number>();
    const seen: number[] = [];
    state.run(answer, (n) => seen.push(n));
    expect(state.busy()).toBe(true);
    answer.next(7);
    expect([state.busy(), seen]).toEqual([false, [7]]);
  });

  it('keeps a refusal naming fields as messages per field, any other as a problem, and clears both on the next call', () => {
    const state = new CallState();
    const invalid = { type: 'about:blank', title: 'Check', status: 400, code: 'X', errors: [{ field: 'name', message: 'Enter a name.' }] };
    state.run(throwError(() => new HttpErrorResponse({ status: 400, error: invalid })), () => undefined);
    expect([state.errors(), state.problem()]).toEqual([{ name: 'Enter a name.' }, null]);
    const conflict = { type: 'about:blank', title: 'Conflict', status: 409, code: 'Y', detail: 'No.' };
    state.run(throwError(() => new HttpErrorResponse({ status: 409, error: conflict })), () => undefined);
    expect([state.errors(), state.problem()?.code]).toEqual([{}, 'Y']);
    state.run(of(1), () => undefined);
    expect([state.errors(), state.problem(), state.busy()]).toEqual([{}, null, false]);
  });
});
