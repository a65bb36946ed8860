import { DomainError, type Actor } from '@cadenza/shared/kernel';
import type { Delivery, DeliveryState } from './model.js';
import { DeliveryLog } from './ports.js';

/** The school's delivery log, for its admins only. */
export class ListDeliveries {
  constructor(private readonly log: DeliveryLog) {}

  execute(actor: Actor, query: { status?: DeliveryState; recipientId?: string; limit?: number; before?: string; beforeKey?: string }): Promise<Delivery[]> {
    if (!actor.roles.includes('admin')) throw new DomainError('NOTIFICATIONS.ADMINS_ONLY', 'forbidden', 'Only the school’s admins see the delivery log.');
    const before = query.before !== undefined && query.beforeKey !== undefined ? { updatedAt: new Date(query.before), key: query.beforeKey } : undefined;
    return this.log.list({ status: query.status, recipientId: query.recipientId as Delivery['recipientId'] | undefined, limit: query.limit ?? 100, before });
  }
}
