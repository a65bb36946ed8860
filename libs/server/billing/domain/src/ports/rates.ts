import type { Rate } from '../model/rate.js';
import type { RateId } from '../model/ids.js';

/** The school's rates. */
export abstract class Rates {
  abstract list(): Promise<Rate[]>;
  abstract get(id: RateId): Promise<Rate | null>;
  /** Adds or replaces the rate; a second rate of the same scope (type, teacher, length) is refused by the store as well as by the use case. */
  abstract save(rate: Rate): Promise<void>;
  abstract remove(id: RateId): Promise<void>;
}
