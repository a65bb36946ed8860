import type { NextFunction, Request, Response } from 'express';
import { toProblem } from '@cadenza/server/platform/http';
import { PROBLEM_CONTENT_TYPE } from '@cadenza/shared/contracts';
import { DomainError } from '@cadenza/shared/kernel';

/**
 * The HTTP requests the api is answering, so that a stop can let them finish. Once the stop begins
 * (`refuseNew`), a request arriving on a connection still open is answered 503 with `Connection: close`,
 * so clients take it elsewhere, and `drained` resolves when the last one in flight has been answered.
 */
export class InFlightRequests {
  private count = 0;
  private refusing = false;
  private readonly waiting = new Set<() => void>();

  /** The express middleware that counts each request until its response is done (or its connection gone). */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (this.refusing) {
      const problem = toProblem(new DomainError('SERVER.STOPPING', 'unavailable', 'Cadenza is stopping. Try again in a moment.'), request.originalUrl.split('?')[0]);
      response.status(503).set({ Connection: 'close', 'Retry-After': '1', 'Content-Type': PROBLEM_CONTENT_TYPE }).send(JSON.stringify(problem));
      return;
    }
    this.count++;
    response.once('close', () => {
      this.count--;
      if (this.count === 0) for (const resolve of this.waiting) resolve();
    });
    next();
  };

  get inFlight(): number {
    return this.count;
  }

  /** From now on, answers new requests 503. */
  refuseNew(): void {
    this.refusing = true;
  }

  /** Resolves when no request is in flight, or after `timeoutMs` (whether the last ones finished). */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.waiting.delete(onDrained);
        resolve(drained);
      };
      const onDrained = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.waiting.add(onDrained);
    });
  }
}
