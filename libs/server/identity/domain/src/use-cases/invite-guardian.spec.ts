import type { Actor } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { Family } from '../model/family.js';
import { InMemoryFamilies } from '../testing/in-memory-families.js';
import { InMemoryInvitations } from '../testing/in-memory.js';
import { inMemorySchool, invitationFlow } from '../testing/in-memory-school.js';
import { InviteGuardian } from './invite-guardian.js';

const clock = new FixedClock('2026-12-07T10:00:00Z');

async function world() {
  const { school, schools, users, person } = await inMemorySchool(clock.now());
  const families = new InMemoryFamilies();
  const invitations = new InMemoryInvitations();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([users, families, invitations, audit]);
  const admin = await person('Ada', ['admin']);
  const child = await person('Kit', ['student'], { dateOfBirth: '2016-01-01' });
  const family = Family.create(school.id, 'Kit family');
  family.addChild(child.id);
  await families.add(family);
  const actor: Actor = { userId: admin.id, schoolId: school.id, roles: ['admin'] };
  const { mailer, inviteUser, accept } = invitationFlow({ invitations, users, schools, audit, uow, clock });
  return {
    users,
    families,
    invitations,
    audit,
    mailer,
    actor,
    family,
    child,
    invite: new InviteGuardian(families, users, schools, inviteUser, audit, clock),
    accept,
  };
}

describe('a new guardian invited into a family', () => {
  it('records them as a parent, links them, mails the invitation; accepting it gives that person their sign-in', async () => {
    const w = await world();
    const linked = await w.invite.execute(w.actor, w.family.id, { name: 'Pat Kit', email: 'Pat@Example.org', level: 'full' });
    const [guardianId] = linked.guardianIds;
    const guardian = await w.users.byId(guardianId);
    expect(guardian?.snapshot()).toMatchObject({ email: 'pat@example.org', name: 'Pat Kit', roles: ['parent'], passwordHash: null });
    expect(linked.accessOf(guardianId, w.child.id)).toBe('full');
    expect(w.mailer.sent).toEqual([{ kind: 'invitation', to: 'pat@example.org', link: expect.stringContaining('token=') }]);
    expect((await w.invitations.list()).map((i) => i.userId)).toEqual([guardianId]);
    expect(w.audit.entries.map((e) => e.action)).toEqual(['identity.user.created', 'identity.family.guardian_added', 'identity.invitation.created']);
    const accepted = await w.accept.execute({ token: w.mailer.sent[0].link.split('token=')[1], password: 'a long enough password', ip: '203.0.113.9' });
    expect(accepted.id).toBe(guardianId);
    expect((await w.users.byId(guardianId))?.signsIn).toBe(true);
  });

  it('refuses an email someone has, a family not there, and anyone but an admin: nothing recorded, nothing mailed', async () => {
    const w = await world();
    await expect(w.invite.execute(w.actor, w.family.id, { name: 'Ada Again', email: 'ada@example.org', level: 'full' })).rejects.toMatchObject({
      code: 'IDENTITY.EMAIL_TAKEN',
      details: { fields: [{ field: 'email' }] },
    });
    await expect(w.invite.execute(w.actor, Family.create(w.actor.schoolId, 'Elsewhere').id, { name: 'Pat Kit', email: 'pat@example.org', level: 'full' })).rejects.toMatchObject({ code: 'IDENTITY.NOT_FOUND' });
    await expect(w.invite.execute({ ...w.actor, roles: ['teacher'] }, w.family.id, { name: 'Pat Kit', email: 'pat@example.org', level: 'full' })).rejects.toMatchObject({ code: 'IDENTITY.FORBIDDEN' });
    await expect(w.invite.execute(w.actor, w.family.id, { name: ' ', email: 'pat@example.org', level: 'full' })).rejects.toMatchObject({ details: { fields: [{ field: 'name' }] } });
    expect(w.users.rows.size).toBe(2);
    expect((await w.families.byId(w.family.id))?.guardianIds).toEqual([]);
    expect(w.mailer.sent).toEqual([]);
    expect(await w.invitations.list()).toEqual([]);
  });
});
