/**
 * A publisher that keeps every event it is given in `published`, for specs to read. A context's
 * fake of its events port extends it with the port's event type (it fits the port's one method).
 */
export class RecordingPublisher<E> {
  readonly published: E[] = [];

  async publish(events: readonly E[]): Promise<void> {
    this.published.push(...events);
  }
}
