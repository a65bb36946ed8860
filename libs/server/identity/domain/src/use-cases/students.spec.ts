import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { Family } from '../model/family.js';
import { School } from '../model/school.js';
import { FamilyRepository } from '../ports/index.js';
import { FixedTeachingRelations, InMemoryInvitations, InMemorySchools, InMemoryStudentProfiles, InMemoryUsers } from '../testing/in-memory.js';
import { invitationFlow } from '../testing/in-memory-school.js';
import { CreateStudent } from './create-student.js';
import { GetStudent } from './get-student.js';
import { InviteStudent } from './invite-student.js';
import { StudentAccessPolicy } from './student-access-policy.js';

// 23:30 in London on 1 March is 08:30 on 2 March in Tokyo.
const clock = new FixedClock('2026-03-01T23:30:00Z');

/** The families of the spec, read as the adapter reads them. */
class ListedFamilies extends FamilyRepository {
  constructor(private readonly all: Family[]) {
    super();
  }
  async ofChild(childId: UserId) {
    return this.all.filter((f) => f.childIds.includes(childId));
  }
  async ofGuardian(guardianId: UserId) {
    return this.all.filter((f) => f.guardianIds.includes(guardianId));
  }
  add = unused;
  update = unused;
  byId = unused;
  forChange = unused;
  list = unused;
  guardiansOfChildren = unused;
}
async function unused(): Promise<never> {
  throw new Error('not used here');
}

async function world(timeZone = 'Europe/London') {
  const school = School.create({ name: 'Riverside', timeZone, currency: 'GBP', locale: 'en-GB' }, clock.now());
  const schoolId: SchoolId = school.id;
  const person = (roles: string[]) => ({ userId: newId<UserId>(), schoolId, roles });
  const schools = new InMemorySchools(() => schoolId);
  await schools.add(school);
  const users = new InMemoryUsers();
  const profiles = new InMemoryStudentProfiles();
  const audit = new RecordingAuditTrail();
  const invitations = new InMemoryInvitations();
  const uow = new SnapshotUnitOfWork([users, profiles, audit, invitations]);
  const teaching = new FixedTeachingRelations();
  const families: Family[] = [];
  const policy = new StudentAccessPolicy(new ListedFamilies(families));
  const { mailer, inviteUser, accept } = invitationFlow({ invitations, users, schools, audit, uow, clock });
  return {
    schoolId,
    person,
    users,
    profiles,
    audit,
    families,
    teaching,
    mailer,
    invitations,
    create: new CreateStudent(users, profiles, schools, audit, uow, clock),
    get: new GetStudent(users, policy, profiles, schools, teaching, clock),
    invite: new InviteStudent(users, inviteUser),
    accept,
  };
}

const aChild = {
  name: 'Mia Parker',
  dateOfBirth: '2016-05-04',
  instruments: ['Piano'],
  level: 'Grade 1',
  schoolYear: 'Year 5',
  staffNotes: 'Shy at first.',
  medicalNotes: 'Asthma.',
  emergencyContact: { name: 'Pat Parker', phone: '+44 20 7946 0958', relation: 'Father' },
};

describe('CreateStudent: the school records a student without a sign-in', () => {
  it('records the account without an email or password, with the profile, audited without the notes', async () => {
    const w = await world();
    const admin = w.person(['admin']);
    const created = await w.create.execute(admin, aChild);
    const stored = await w.users.byId(created.student.id);
    expect(stored?.snapshot()).toMatchObject({ email: null, passwordHash: null, roles: ['student'], dateOfBirth: '2016-05-04', timeZone: 'Europe/London' });
    expect(stored?.signsIn).toBe(false);
    expect((await w.profiles.byStudent(created.student.id))?.snapshot()).toMatchObject({ instruments: ['Piano'], medicalNotes: 'Asthma.' });
    expect(created.minor).toBe(true);
    expect(w.audit.entries).toHaveLength(1);
    expect(w.audit.entries[0]).toMatchObject({ action: 'identity.student.created', entityId: created.student.id });
    expect(JSON.stringify(w.audit.entries)).not.toMatch(/Asthma|Shy at first/);
  });

  it('refuses a date of birth after the school’s today, in its own zone, and writes nothing', async () => {
    const london = await world('Europe/London');
    const admin = london.person(['admin']);
    // 2 March has begun in Tokyo but not in London.
    await expect(london.create.execute(admin, { ...aChild, dateOfBirth: '2026-03-02' })).rejects.toMatchObject({ code: 'IDENTITY.INVALID_DATE_OF_BIRTH', details: { fields: [{ field: 'dateOfBirth' }] } });
    expect(london.users.rows.size).toBe(0);
    expect(london.profiles.rows.size).toBe(0);
    const tokyo = await world('Asia/Tokyo');
    expect((await tokyo.create.execute(tokyo.person(['admin']), { ...aChild, dateOfBirth: '2026-03-02' })).student.dateOfBirth).toBe('2026-03-02');
  });

  it('counts a student as a minor until their eighteenth birthday begins in the school’s zone', async () => {
    const tokyo = await world('Asia/Tokyo');
    const london = await world('Europe/London');
    const born = { ...aChild, dateOfBirth: '2008-03-02' };
    expect((await tokyo.create.execute(tokyo.person(['admin']), born)).minor).toBe(false);
    expect((await london.create.execute(london.person(['admin']), born)).minor).toBe(true);
  });

  it('refuses bad fields by name and anyone but an admin', async () => {
    const w = await world();
    const admin = w.person(['admin']);
    await expect(w.create.execute(admin, { ...aChild, emergencyContact: { ...aChild.emergencyContact, phone: '12' } })).rejects.toMatchObject({ details: { fields: [{ field: 'emergencyContact.phone' }] } });
    await expect(w.create.execute(admin, { ...aChild, instruments: ['Piano', ' '] })).rejects.toMatchObject({ details: { fields: [{ field: 'instruments.1' }] } });
    await expect(w.create.execute(admin, { ...aChild, name: ' ' })).rejects.toMatchObject({ details: { fields: [{ field: 'name' }] } });
    for (const roles of [['teacher'], ['parent'], ['student'], ['accompanist']]) {
      await expect(w.create.execute(w.person(roles), aChild)).rejects.toMatchObject({ kind: 'forbidden' });
    }
    expect(w.users.rows.size).toBe(0);
  });
});

describe('GetStudent: who reads which part of a profile', () => {
  async function withChild() {
    const w = await world();
    const admin = w.person(['admin']);
    const { student } = await w.create.execute(admin, aChild);
    const ownTeacher = w.person(['teacher']);
    const otherTeacher = w.person(['teacher']);
    const accompanist = w.person(['accompanist']);
    w.teaching.add(ownTeacher.userId, student.id).add(accompanist.userId, student.id);
    const parent = w.person(['parent']);
    const viewer = w.person(['parent']);
    const family = Family.create(w.schoolId, 'Parker');
    family.addChild(student.id);
    family.addGuardian(parent.userId, 'full');
    family.addGuardian(viewer.userId, 'view');
    w.families.push(family);
    return { ...w, admin, student, ownTeacher, otherTeacher, accompanist, parent, viewer };
  }

  it('shows admins everything, the student’s own teachers their notes and contact, other staff only the staff notes', async () => {
    const w = await withChild();
    expect((await w.get.execute(w.admin, w.student.id)).seen).toEqual({ staffNotes: true, medicalNotes: true, emergencyContact: true });
    expect((await w.get.execute(w.ownTeacher, w.student.id)).seen).toEqual({ staffNotes: true, medicalNotes: true, emergencyContact: true });
    expect((await w.get.execute(w.accompanist, w.student.id)).seen).toEqual({ staffNotes: true, medicalNotes: true, emergencyContact: true });
    expect((await w.get.execute(w.otherTeacher, w.student.id)).seen).toEqual({ staffNotes: true, medicalNotes: false, emergencyContact: false });
  });

  it('shows guardians (either level) and the student their profile without the staff’s or medical notes', async () => {
    const w = await withChild();
    for (const who of [w.parent, w.viewer, { userId: w.student.id, schoolId: w.schoolId, roles: ['student'] }]) {
      expect((await w.get.execute(who, w.student.id)).seen).toEqual({ staffNotes: false, medicalNotes: false, emergencyContact: true });
    }
  });

  it('tells another family and another student that the student is not there', async () => {
    const w = await withChild();
    for (const who of [w.person(['parent']), w.person(['student'])]) {
      await expect(w.get.execute(who, w.student.id)).rejects.toMatchObject({ code: 'IDENTITY.NOT_FOUND', kind: 'not_found' });
    }
  });
});

describe('InviteStudent: a student recorded without a sign-in is invited later', () => {
  it('mails the usual invitation, and accepting it gives the same record its email and password', async () => {
    const w = await world();
    const admin = w.person(['admin']);
    const { student } = await w.create.execute(admin, aChild);
    const invitation = await w.invite.execute(admin, student.id, { email: 'Mia@Example.test' });
    expect(invitation.userId).toBe(student.id);
    expect(w.mailer.sent).toEqual([{ kind: 'invitation', to: 'mia@example.test', link: expect.stringContaining('token=') }]);
    const token = w.mailer.sent[0].link.split('token=')[1];
    const accepted = await w.accept.execute({ token, password: 'a long enough password', ip: '203.0.113.9' });
    expect(accepted.id).toBe(student.id);
    expect(w.users.rows.size).toBe(1);
    const stored = await w.users.byId(student.id);
    expect(stored?.snapshot()).toMatchObject({ email: 'mia@example.test', passwordHash: 'plain:a long enough password', dateOfBirth: '2016-05-04' });
    expect(stored?.snapshot().emailVerifiedAt).toEqual(clock.now());
    await expect(w.invite.execute(admin, student.id, { email: 'again@example.test' })).rejects.toMatchObject({ code: 'IDENTITY.ALREADY_SIGNS_IN', kind: 'conflict' });
  });

  it('refuses anyone but an admin, a student of no one, and is throttled as every invitation', async () => {
    const w = await world();
    const admin = w.person(['admin']);
    const { student } = await w.create.execute(admin, aChild);
    await expect(w.invite.execute(w.person(['teacher']), student.id, { email: 'mia@example.test' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.invite.execute(admin, newId<UserId>(), { email: 'mia@example.test' })).rejects.toMatchObject({ kind: 'not_found' });
    for (let i = 0; i < 3; i++) await w.invite.execute(admin, student.id, { email: 'mia@example.test' });
    await expect(w.invite.execute(admin, student.id, { email: 'mia@example.test' })).rejects.toMatchObject({ code: 'IDENTITY.TOO_MANY_INVITATIONS', kind: 'rate_limited' });
    expect(w.mailer.sent).toHaveLength(3);
  });
});
