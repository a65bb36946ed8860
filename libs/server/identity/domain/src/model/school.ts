import { DomainError, isCurrencyCode, isLocale, isTimeZone, newId, type SchoolId } from '@cadenza/shared/kernel';

export interface SchoolSettingsPatch {
  name?: string;
  timeZone?: string;
  currency?: string;
  locale?: string;
  idleTimeoutMinutes?: number;
  invitationTtlDays?: number;
}

export interface SchoolState {
  id: SchoolId;
  name: string;
  slug: string;
  timeZone: string;
  currency: string;
  locale: string;
  idleTimeoutMinutes: number;
  invitationTtlDays: number;
  createdAt: Date;
}

/** A school: the tenant. Everything a school owns carries its id. */
export class School {
  private constructor(private state: SchoolState) {}

  static restore(state: SchoolState): School {
    return new School({ ...state });
  }

  static create(input: { name: string; slug?: string; timeZone: string; currency: string; locale: string }, now: Date): School {
    const school = new School({
      id: newId<SchoolId>(),
      name: '',
      slug: '',
      timeZone: 'UTC',
      currency: 'GBP',
      locale: 'en-GB',
      idleTimeoutMinutes: 120,
      invitationTtlDays: 7,
      createdAt: now,
    });
    school.update({ name: input.name, timeZone: input.timeZone, currency: input.currency, locale: input.locale });
    const slug = input.slug ?? slugify(input.name);
    if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(slug)) {
      throw DomainError.invalid('IDENTITY.INVALID_SLUG', 'slug', 'Use lowercase letters, digits and dashes.');
    }
    school.state.slug = slug;
    return school;
  }

  get id(): SchoolId {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get timeZone(): string {
    return this.state.timeZone;
  }
  get idleTimeoutMinutes(): number {
    return this.state.idleTimeoutMinutes;
  }
  get invitationTtlDays(): number {
    return this.state.invitationTtlDays;
  }

  update(patch: SchoolSettingsPatch): void {
    const next = { ...this.state };
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (name.length === 0 || name.length > 120) {
        throw DomainError.invalid('IDENTITY.INVALID_SCHOOL_NAME', 'name', 'Enter a name of 1 to 120 characters.');
      }
      next.name = name;
    }
    if (patch.timeZone !== undefined) {
      if (!isTimeZone(patch.timeZone)) {
        throw DomainError.invalid('IDENTITY.INVALID_TIME_ZONE', 'timeZone', `"${patch.timeZone}" is not an IANA time zone.`);
      }
      next.timeZone = patch.timeZone;
    }
    if (patch.currency !== undefined) {
      if (!isCurrencyCode(patch.currency)) {
        throw DomainError.invalid('IDENTITY.INVALID_CURRENCY', 'currency', `"${patch.currency}" is not an ISO 4217 currency code.`);
      }
      next.currency = patch.currency;
    }
    if (patch.locale !== undefined) {
      if (!isLocale(patch.locale)) {
        throw DomainError.invalid('IDENTITY.INVALID_LOCALE', 'locale', `"${patch.locale}" is not a locale tag.`);
      }
      next.locale = patch.locale;
    }
    if (patch.idleTimeoutMinutes !== undefined) {
      if (!Number.isInteger(patch.idleTimeoutMinutes) || patch.idleTimeoutMinutes < 5 || patch.idleTimeoutMinutes > 1440) {
        throw DomainError.invalid('IDENTITY.INVALID_IDLE_TIMEOUT', 'idleTimeoutMinutes', 'Choose between 5 and 1440 minutes.');
      }
      next.idleTimeoutMinutes = patch.idleTimeoutMinutes;
    }
    if (patch.invitationTtlDays !== undefined) {
      if (!Number.isInteger(patch.invitationTtlDays) || patch.invitationTtlDays < 1 || patch.invitationTtlDays > 30) {
        throw DomainError.invalid('IDENTITY.INVALID_INVITATION_TTL', 'invitationTtlDays', 'Choose between 1 and 30 days.');
      }
      next.invitationTtlDays = patch.invitationTtlDays;
    }
    this.state = next;
  }

  snapshot(): SchoolState {
    return { ...this.state };
  }
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
}
