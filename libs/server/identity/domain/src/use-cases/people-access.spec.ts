import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { Family } from '../model/family.js';
import { Invitation } from '../model/invitation.js';
import { User } from '../model/user.js';
import { FamilyRepository } from '../ports/index.js';
import { InMemoryInvitations, InMemoryUsers } from '../testing/in-memory.js';
import { GetUser } from './get-user.js';
import { ListFamilies } from './list-families.js';
import { ListInvitations } from './list-invitations.js';
import { RevokeInvitation } from './revoke-invitation.js';

const schoolId = newId<SchoolId>();
const clock = new FixedClock('2026-11-23T10:00:00Z');
const person = (roles: string[]) => ({ userId: newId<UserId>(), schoolId, roles });
const admin = person(['admin']);
const teacher = person(['teacher']);

/** Families answered by the test, counting the reads. */
class CountingFamilies extends FamilyRepository {
  reads = 0;
  constructor(private readonly all: Family[]) {
    super();
  }
  async list() {
    this.reads++;
    return this.all;
  }
  async ofGuardian(guardianId: UserId) {
    this.reads++;
    return this.all.filter((f) => f.guardianIds.includes(guardianId));
  }
  add = unused;
  update = unused;
  byId = unused;
  forChange = unused;
  ofChild = unused;
  guardiansOfChildren = unused;
}
async function unused(): Promise<never> {
  throw new Error('not used here');
}

describe('who may read people, invitations and families (owned by the use cases, not the controllers)', () => {
  it('GetUser: admins read anyone of the school, others only themselves, and anyone else is not found', async () => {
    const users = new InMemoryUsers();
    const someone = User.create({ schoolId, email: 'someone@example.test', name: 'Some One', roles: ['teacher'], timeZone: 'Europe/London', locale: 'en-GB' }, clock.now());
    await users.add(someone);
    const getUser = new GetUser(users);
    expect((await getUser.execute(admin, someone.id)).id).toBe(someone.id);
    expect((await getUser.execute({ ...teacher, userId: someone.id }, someone.id)).id).toBe(someone.id);
    await expect(getUser.execute(teacher, someone.id)).rejects.toMatchObject({ code: 'IDENTITY.NOT_FOUND', kind: 'not_found' });
  });

  it('ListFamilies: admins every family, parents their own, students and staff none without a read', async () => {
    const parent = person(['parent']);
    const ours = Family.create(schoolId, 'Ours');
    ours.addGuardian(parent.userId, 'full');
    const theirs = Family.create(schoolId, 'Theirs');
    const families = new CountingFamilies([ours, theirs]);
    const list = new ListFamilies(families);
    expect(await list.execute(admin)).toHaveLength(2);
    expect((await list.execute(parent)).map((f) => f.id)).toEqual([ours.id]);
    const reads = families.reads;
    expect(await list.execute(person(['student']))).toEqual([]);
    expect(await list.execute(teacher)).toEqual([]);
    expect(families.reads).toBe(reads);
  });

  it('ListInvitations and RevokeInvitation: admins only; a revoke is audited, and an unknown one is not found', async () => {
    const invitations = new InMemoryInvitations();
    const audit = new RecordingAuditTrail();
    const uow = new SnapshotUnitOfWork([invitations, audit]);
    const invitation = Invitation.issue({ schoolId, email: 'new@example.test', name: 'New Teacher', roles: ['teacher'], invitedBy: admin.userId, tokenHash: 'h', ttlDays: 7 }, clock.now());
    await invitations.add(invitation);
    const revoke = new RevokeInvitation(invitations, audit, uow, clock);

    await expect(new ListInvitations(invitations).execute(teacher)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(revoke.execute(teacher, invitation.id)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(revoke.execute(admin, newId())).rejects.toMatchObject({ code: 'IDENTITY.NOT_FOUND', kind: 'not_found' });
    expect(audit.entries).toEqual([]);

    await revoke.execute(admin, invitation.id);
    expect(invitations.rows.get(invitation.id)?.revokedAt).toEqual(clock.now());
    expect(audit.entries).toEqual([expect.objectContaining({ action: 'identity.invitation.revoked', entityId: invitation.id, actorId: admin.userId })]);
    expect((await new ListInvitations(invitations).execute(admin)).map((i) => i.id)).toEqual([invitation.id]);
  });
});
