import { UnitOfWork } from '../lib/ports.js';

/** A unit of work that only runs the work: for specs whose fakes need no rollback. */
export class ImmediateUnitOfWork extends UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}
