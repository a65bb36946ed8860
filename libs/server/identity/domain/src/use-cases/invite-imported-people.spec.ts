import { newId, type Actor } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { User } from '../model/user.js';
import { InMemoryImportedPeople } from '../testing/in-memory-imported-people.js';
import { InMemoryInvitations } from '../testing/in-memory.js';
import { inMemorySchool, invitationFlow } from '../testing/in-memory-school.js';
import { InviteImportedPeople } from './invite-imported-people.js';

const clock = new FixedClock('2026-12-07T10:00:00Z');

/** An import that created 32 parents with an email, a child without one, someone who signs in already and one who left. */
async function world() {
  const { school, schools, users, person } = await inMemorySchool(clock.now());
  const invitations = new InMemoryInvitations();
  const audit = new RecordingAuditTrail();
  const uow = new SnapshotUnitOfWork([users, invitations, audit]);
  const imported = new InMemoryImportedPeople();
  const admin = await person('Ada', ['admin']);
  const runId = newId();
  const parents = await Promise.all(Array.from({ length: 32 }, (_, i) => person(`Parent${i}`, ['parent'])));
  const child = User.create({ schoolId: school.id, name: 'Kit Young', roles: ['student'], timeZone: 'Europe/London', locale: 'en-GB', dateOfBirth: '2019-04-01' }, clock.now());
  await users.add(child);
  const signsIn = await person('Sam', ['parent']);
  signsIn.setPassword('hash', clock.now(), true);
  await users.update(signsIn);
  const left = await person('Lee', ['parent']);
  left.archive('2026-12-01', '2026-12-07');
  await users.update(left);
  await imported.record(runId, [...parents.map((p) => p.id), child.id, signsIn.id, left.id]);
  const elsewhere = await person('Other', ['parent']);
  await imported.record(newId(), [elsewhere.id]);
  const actor: Actor = { userId: admin.id, schoolId: school.id, roles: ['admin'] };
  const { mailer, inviteUser } = invitationFlow({ invitations, users, schools, audit, uow, clock });
  return { actor, runId, mailer, invitations, parents, invite: new InviteImportedPeople(imported, users, invitations, inviteUser, clock) };
}

describe('inviting the people an import created', () => {
  it('sends each person with an email and no sign-in one invitation, up to the limit; the rest wait, and pressing again sends nothing twice', async () => {
    const w = await world();
    const first = await w.invite.execute(w.actor, w.runId);
    expect(first).toEqual({ people: 34, sent: 30, alreadyInvited: 0, notInvitable: 2, waiting: 2, retryAfterSeconds: 20 });
    // At once again: everyone invited is left alone, the limit still holds the other two.
    expect(await w.invite.execute(w.actor, w.runId)).toEqual({ people: 34, sent: 0, alreadyInvited: 30, notInvitable: 2, waiting: 2, retryAfterSeconds: 20 });
    clock.advance(20_000);
    expect(await w.invite.execute(w.actor, w.runId)).toMatchObject({ sent: 1, alreadyInvited: 30, waiting: 1 });
    clock.advance(20_000);
    expect(await w.invite.execute(w.actor, w.runId)).toEqual({ people: 34, sent: 1, alreadyInvited: 31, notInvitable: 2, waiting: 0, retryAfterSeconds: null });
    expect(await w.invite.execute(w.actor, w.runId)).toMatchObject({ sent: 0, alreadyInvited: 32, waiting: 0 });
    const mailed = w.mailer.sent.map((m) => m.to);
    expect(mailed).toHaveLength(32);
    expect(new Set(mailed)).toEqual(new Set(w.parents.map((p) => p.email)));
    // Each invitation gives that person their sign-in (not a new account).
    expect((await w.invitations.list()).every((i) => w.parents.some((p) => p.id === i.userId))).toBe(true);
  });

  it('is for admins only, and a run that created nobody (or another school’s) is not found', async () => {
    const w = await world();
    await expect(w.invite.execute({ ...w.actor, roles: ['teacher'] }, w.runId)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.invite.execute(w.actor, newId())).rejects.toMatchObject({ kind: 'not_found', code: 'IDENTITY.IMPORT_NOT_FOUND' });
    expect(w.mailer.sent).toEqual([]);
  });
});
