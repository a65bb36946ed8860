import { DAY, DomainError, asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { Family } from './family.js';
import { Invitation } from './invitation.js';
import { School } from './school.js';
import { dateInZone } from './profile-fields.js';
import { adultsBornBy, minorOn, User } from './user.js';

const now = new Date('2026-11-23T10:00:00Z');
const schoolId = asId<SchoolId>('5b7a0a4e-7a0e-4f57-9d6e-0d1c1b4a2f10');

describe('User', () => {
  const base = { schoolId, email: ' Ana@Example.ORG ', name: 'Ana', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB' };

  it('normalises the email and knows whether a student is a minor on a given day', () => {
    const user = User.create({ ...base, dateOfBirth: '2008-11-24' }, now);
    expect(user.email).toBe('ana@example.org');
    expect(user.isMinorOn('2026-11-23')).toBe(true);
    expect(user.isMinorOn('2026-11-24')).toBe(false);
  });

  it('counts minors one way: the eighteenth birthday begins at midnight in the school’s zone, whatever UTC says', () => {
    const eighteenOn24th = { dateOfBirth: '2008-11-24', roles: ['student'] };
    // 11:30 UTC on 23 November is already 24 November in Auckland, still 23 November in UTC and in Honolulu.
    const instant = new Date('2026-11-23T11:30:00Z');
    expect(minorOn(eighteenOn24th, dateInZone(instant, 'Pacific/Auckland'))).toBe(false);
    expect(minorOn(eighteenOn24th, dateInZone(instant, 'UTC'))).toBe(true);
    expect(minorOn(eighteenOn24th, dateInZone(instant, 'Pacific/Honolulu'))).toBe(true);
    // 09:59 UTC on 24 November is 23:59 on the 23rd in Honolulu: a minor there for one more minute.
    expect(minorOn(eighteenOn24th, dateInZone(new Date('2026-11-24T09:59:00Z'), 'Pacific/Honolulu'))).toBe(true);
    expect(minorOn(eighteenOn24th, dateInZone(new Date('2026-11-24T10:00:00Z'), 'Pacific/Honolulu'))).toBe(false);
    // Born on 29 February: eighteen from 1 March in a year without one.
    expect(minorOn({ dateOfBirth: '2008-02-29', roles: ['student'] }, '2026-02-28')).toBe(true);
    expect(minorOn({ dateOfBirth: '2008-02-29', roles: ['student'] }, '2026-03-01')).toBe(false);
    expect(adultsBornBy('2026-02-28')).toBe('2008-02-28');
  });

  it('takes an unknown date of birth as a minor for a student only, an adult for anyone else', () => {
    expect(minorOn({ dateOfBirth: null, roles: ['student'] }, '2026-11-23')).toBe(true);
    expect(minorOn({ dateOfBirth: null, roles: ['parent', 'student'] }, '2026-11-23')).toBe(true);
    expect(minorOn({ dateOfBirth: null, roles: ['parent'] }, '2026-11-23')).toBe(false);
    expect(minorOn({ dateOfBirth: null, roles: ['teacher'] }, '2026-11-23')).toBe(false);
    expect(User.create({ ...base, roles: ['parent'] }, now).isMinorOn('2026-11-23')).toBe(false);
  });

  it('refuses impossible or future dates of birth, unknown roles and zones', () => {
    expect(() => User.create({ ...base, dateOfBirth: '2026-02-30' }, now)).toThrow(DomainError);
    expect(() => User.create({ ...base, dateOfBirth: '2030-01-01' }, now)).toThrow(/past date/);
    expect(() => User.create({ ...base, roles: ['janitor'] }, now)).toThrow(/not a role/);
    expect(() => User.create({ ...base, timeZone: 'Mars/Base' }, now)).toThrow(/IANA/);
  });

  it('records the day a student left, today or earlier, and only for students', () => {
    const student = User.create(base, now);
    student.setLeftSchoolOn(now.toISOString().slice(0, 10), now);
    expect(student.leftSchoolOn).toBe(now.toISOString().slice(0, 10));
    expect(() => student.setLeftSchoolOn('2999-01-01', now)).toThrow(/today or earlier/);
    expect(() => student.setLeftSchoolOn('2026-02-30', now)).toThrow(DomainError);
    student.setLeftSchoolOn(null, now);
    expect(student.leftSchoolOn).toBeNull();
    const teacher = User.create({ ...base, email: 'tea@example.org', roles: ['teacher'] }, now);
    expect(() => teacher.setLeftSchoolOn('2026-01-01', now)).toThrow(/student/);
  });

  it('lets only admins be the safeguarding lead, and keeps the hash out of the audit view', () => {
    const student = User.create(base, now);
    expect(() => student.setSafeguardingLead(true)).toThrow(/admin/);
    student.setPassword('hash', now, true);
    expect(student.auditView()).not.toHaveProperty('passwordHash');
    expect(student.snapshot().emailVerifiedAt).toEqual(now);
  });
});

describe('Invitation', () => {
  const issue = () =>
    Invitation.issue({ schoolId, email: 'new@example.org', name: 'New', roles: ['teacher'], invitedBy: null, tokenHash: 'h', ttlDays: 7 }, now);

  it('expires after its time to live with 410 Gone', () => {
    const invitation = issue();
    expect(invitation.expiresAt.getTime() - now.getTime()).toBe(7 * DAY);
    expect(() => invitation.accept(new Date(now.getTime() + 7 * DAY))).toThrow(expect.objectContaining({ kind: 'gone', code: 'IDENTITY.INVITATION_EXPIRED' }));
  });

  it('is used once', () => {
    const invitation = issue();
    invitation.accept(now);
    expect(() => invitation.accept(now)).toThrow(expect.objectContaining({ kind: 'gone', code: 'IDENTITY.INVITATION_USED' }));
    expect(() => invitation.revoke(now)).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});

describe('School', () => {
  it('derives a slug and validates its settings', () => {
    const school = School.create({ name: 'Bühne & Bach Academy', timeZone: 'Europe/Berlin', currency: 'EUR', locale: 'de-DE' }, now);
    expect(school.snapshot().slug).toBe('buhne-bach-academy');
    expect(() => school.update({ currency: 'EURO' })).toThrow(/ISO 4217/);
    expect(() => school.update({ idleTimeoutMinutes: 2 })).toThrow(/between 5 and 1440/);
    school.update({ idleTimeoutMinutes: 30 });
    expect(school.idleTimeoutMinutes).toBe(30);
  });
});

describe('Family', () => {
  it('grants access per guardian and child', () => {
    const parent = asId<UserId>('11111111-1111-4111-8111-111111111111');
    const child = asId<UserId>('22222222-2222-4222-8222-222222222222');
    const stranger = asId<UserId>('33333333-3333-4333-8333-333333333333');
    const family = Family.create(schoolId, 'Okafor family');
    family.addChild(child);
    family.addGuardian(parent, 'view');
    expect(family.accessOf(parent, child)).toBe('view');
    family.grant(parent, child, 'full');
    expect(family.accessOf(parent, child)).toBe('full');
    expect(family.accessOf(stranger, child)).toBeNull();
    expect(() => family.grant(stranger, child, 'full')).toThrow(/belong to the family/);
  });
});
