/**
 * The school's invoice numbers: `next` takes the next one inside the unit of work that issues the invoice. Numbers are
 * gapless and never repeated: the counter is held by the issuing transaction until it ends, and a unit that fails
 * gives its number back with everything else it did.
 */
export abstract class InvoiceNumbering {
  abstract next(): Promise<number>;
  /** Takes `count` numbers at once, in the same way; the first of them (the rest follow it). */
  abstract take(count: number): Promise<number>;
}
