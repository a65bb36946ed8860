import type { SchoolId } from '@cadenza/shared/kernel';
import type { AttendanceEventPayloads } from './attendance-events.js';
import type { BillingEventPayloads } from './billing-events.js';
import type { IdentityEventPayloads } from './identity-events.js';
import type { MessagingEventPayloads } from './messaging-events.js';
import type { NotificationEventPayloads } from './notification-events.js';
import type { SchedulingEventPayloads } from './scheduling-events.js';

/**
 * Every integration event the contexts exchange through the outbox, by versioned type
 * (`<name>.v<version>`), with its payload. A changed payload is a new version: a new key beside
 * the old one, which stays while anything may still read it.
 */
export interface IntegrationEventPayloads extends SchedulingEventPayloads, MessagingEventPayloads, NotificationEventPayloads, IdentityEventPayloads, AttendanceEventPayloads, BillingEventPayloads {}

export type IntegrationEventType = keyof IntegrationEventPayloads;

/** One event of a given type. */
export interface IntegrationEventOf<T extends IntegrationEventType> {
  readonly type: T;
  readonly payload: IntegrationEventPayloads[T];
}

/** Any integration event: a union discriminated by `type`, so a `switch` or a handler map narrows the payload. */
export type IntegrationEvent = { [T in IntegrationEventType]: IntegrationEventOf<T> }[IntegrationEventType];

/** An event as a producer hands it to the outbox: the school it belongs to and when it happened. */
export type OutgoingEvent<E extends IntegrationEvent = IntegrationEvent> = E & { readonly schoolId: SchoolId; readonly occurredAt: Date };

/** An event as the outbox hands it to a consumer, with its row id (the key of idempotent handling). */
export type StoredEvent<E extends IntegrationEvent = IntegrationEvent> = OutgoingEvent<E> & { readonly id: string };

/**
 * The known types, for the check at the outbox's read boundary. The mapped type makes the
 * compiler hold this list to `IntegrationEventPayloads`: a missing or extra key fails.
 */
const KNOWN: { readonly [T in IntegrationEventType]: true } = {
  'lesson.scheduled.v1': true,
  'lesson.moved.v1': true,
  'lesson.cancelled.v1': true,
  'lesson_request.created.v1': true,
  'lesson_request.approved.v1': true,
  'lesson_request.declined.v1': true,
  'lesson_request.countered.v1': true,
  'lesson_request.withdrawn.v1': true,
  'message.created.v1': true,
  'message.updated.v1': true,
  'thread.read.v1': true,
  'message.flagged.v1': true,
  'thread.safeguarding_changed.v1': true,
  'notification.created.v1': true,
  'student.date_of_birth_changed.v1': true,
  'attendance.register_changed.v1': true,
  'attendance.lesson_delivered.v1': true,
  'attendance.lesson_delivery_withdrawn.v1': true,
  'attendance.registers_missing.v1': true,
  'attendance.absence_streak.v1': true,
  'billing.run_batch_billed.v1': true,
  'billing.invoice_settled.v1': true,
};

/** Every known event type. */
export const INTEGRATION_EVENT_TYPES: readonly IntegrationEventType[] = Object.keys(KNOWN).filter(isIntegrationEventType);

export function isIntegrationEventType(value: string): value is IntegrationEventType {
  return Object.hasOwn(KNOWN, value);
}

const VERSIONED = /^(?<name>[a-z][a-z_-]*(?:\.[a-z][a-z_-]*)+)\.v(?<version>[1-9][0-9]*)$/;

/** Splits a versioned type into the event's name and version (`lesson.moved.v1` → `lesson.moved`, 1); null when it has no version. */
export function parseEventType(type: string): { name: string; version: number } | null {
  const match = VERSIONED.exec(type);
  return match?.groups ? { name: match.groups['name'], version: Number(match.groups['version']) } : null;
}

/** Builds an event; the payload is checked against the type's. */
export function integrationEvent<T extends IntegrationEventType>(type: T, payload: IntegrationEventPayloads[T]): IntegrationEventOf<T> {
  return { type, payload };
}

/** Whether `event` is of one of `types`, narrowing it (and its payload) if so. */
export function isEventOf<E extends IntegrationEvent, T extends IntegrationEventType>(event: E, ...types: T[]): event is Extract<E, { type: T }> {
  return (types as readonly IntegrationEventType[]).includes(event.type);
}

/**
 * Handlers keyed by event type, each given its event narrowed. A key that is no known type (a
 * misspelt name, a renamed event, a retired version) fails to compile; types without a handler
 * are ignored.
 */
export type IntegrationEventHandlers<E extends IntegrationEvent, R> = { readonly [T in IntegrationEventType]?: (event: Extract<E, { type: T }>) => R };

/** As `IntegrationEventHandlers`, with every type handled: a new event type fails to compile until the map handles it. */
export type AllIntegrationEventHandlers<E extends IntegrationEvent, R> = Required<IntegrationEventHandlers<E, R>>;

/** Runs the handler for `event`'s type, if the map has one. */
export function dispatchEvent<E extends IntegrationEvent, R>(event: E, handlers: IntegrationEventHandlers<E, R>): R | undefined {
  // The key and the event's type are the same T, which TypeScript cannot follow through the
  // union; the map's type guarantees the handler takes this event.
  const handler = handlers[event.type] as ((event: E) => R) | undefined;
  return handler?.(event);
}

/** For the `default` of an exhaustive `switch` over event types: fails to compile when a type is left unhandled. */
export function unhandledEvent(event: never): never {
  throw new Error(`Unhandled integration event ${(event as { type?: unknown }).type}`);
}

/** Scheduling's events, as its port publishes them. */
export type SchedulingIntegrationEvent = Extract<IntegrationEvent, { type: keyof SchedulingEventPayloads }>;
/** Messaging's events, as its port publishes them. */
export type MessagingIntegrationEvent = Extract<IntegrationEvent, { type: keyof MessagingEventPayloads }>;
/** Identity's events, as its port publishes them. */
export type IdentityIntegrationEvent = Extract<IntegrationEvent, { type: keyof IdentityEventPayloads }>;
/** Attendance's events, as its port publishes them. */
export type AttendanceIntegrationEvent = Extract<IntegrationEvent, { type: keyof AttendanceEventPayloads }>;
/** Billing's events, as its port publishes them. */
export type BillingIntegrationEvent = Extract<IntegrationEvent, { type: keyof BillingEventPayloads }>;
/** The notifications' events. */
export type NotificationIntegrationEvent = Extract<IntegrationEvent, { type: keyof NotificationEventPayloads }>;

/** An event with the school it belongs to and when it happened, as producers hand it to the outbox. */
export function outgoingEvent<E extends IntegrationEvent>(schoolId: SchoolId, occurredAt: Date, event: E): OutgoingEvent<E> {
  return { ...event, schoolId, occurredAt };
}
