import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { DeliverySchema, NotificationPreferenceSchema, NotificationSchema, type DeliveryRow } from './entities.js';
import { likePattern } from './mikro-orm-messaging-personal-data.js';

const NO_MAP = { disableIdentityMap: true } as const;

/**
 * Notifications' part of data-protection requests: the person's feed, their preferences and the sends to them. An
 * erasure replaces the person's name and contacts in every feed entry and planned or sent mail of the school that
 * holds them (anyone's: "Mila wrote to you"), the address of the mails to them included; the rows stay.
 */
@Injectable()
export class MikroOrmNotificationsPersonalData extends PersonalData {
  readonly context = 'notifications';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const person = subject.personId;
    const feed = await this.em.find(NotificationSchema, { userId: person }, { ...NO_MAP, orderBy: { createdAt: 'asc' } });
    const preferences = await this.em.findOne(NotificationPreferenceSchema, { userId: person }, NO_MAP);
    const deliveries = await this.em.find(DeliverySchema, { recipientId: person }, { ...NO_MAP, orderBy: { createdAt: 'asc' } });
    return {
      context: this.context,
      title: 'Notifications',
      files: [
        { name: 'feed.json', content: feed.map(({ schoolId: _s, ...n }) => n) },
        { name: 'preferences.json', content: preferences ? { ...preferences, schoolId: undefined } : null },
        { name: 'deliveries.json', content: deliveries.map((d) => presentDelivery(d)) },
      ],
      summary: [`${feed.length} notifications in their feed, ${deliveries.length} sends to them (${deliveries.filter((d) => d.channel === 'email').length} by email)`],
      retained: [],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    const likes = subject.identifiers.map((i) => `%${likePattern(i)}%`);
    const feed = await this.em.find(NotificationSchema, { $or: likes.flatMap((like) => [{ title: { $ilike: like } }, { body: { $ilike: like } }]) }, NO_MAP);
    for (const entry of feed) {
      const text = redactIdentifiers({ title: entry.title, body: entry.body }, subject).value as { title: string; body: string };
      await this.em.nativeUpdate(NotificationSchema, { id: entry.id }, text);
    }
    // The log's contents are JSON; each send is read as it is kept (its id and two documents) and checked here.
    const sends = await this.em.find(DeliverySchema, {}, { ...NO_MAP, fields: ['id', 'feed', 'email'] });
    for (const send of sends) {
      const content = redactIdentifiers({ feed: send.feed, email: send.email }, subject);
      if (content.changed) await this.em.nativeUpdate(DeliverySchema, { id: send.id }, content.value as Pick<DeliveryRow, 'feed' | 'email'>);
    }
  }
}

function presentDelivery(d: DeliveryRow) {
  return { id: d.id, type: d.type, channel: d.channel, status: d.status, reason: d.reason, dueAt: d.dueAt, sentAt: d.sentAt, lessonId: d.lessonId, feed: d.feed, email: d.email ? { to: d.email.to, subject: d.email.subject, text: d.email.text } : null };
}
