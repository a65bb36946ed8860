import { messagingWorld } from '../testing/messaging-world.js';

const names = (contacts: readonly { name: string }[]) => contacts.map((c) => c.name);

describe('contacts', () => {
  it('gives staff everyone in the school but themselves, all startable', async () => {
    const w = messagingWorld();
    const contacts = await w.useCases.listContacts.execute(w.people.teacher);
    expect(names(contacts)).toEqual(['Ada Adult', 'Adam Admin', 'Lena Lead', 'Mia Minor', 'Ned Minor', 'Otto Teacher', 'Pat Parent', 'Quinn Parent']);
    expect(contacts.every((c) => c.canStart)).toBe(true);
    expect(contacts.find((c) => c.name === 'Mia Minor')).toMatchObject({ minor: true, roles: ['student'] });
  });

  it('names each guardian’s children for staff, and puts a teacher’s own students and their guardians first', async () => {
    const w = messagingWorld();
    const { teacher, minor, admin } = w.people;
    w.stores.directory.teaches(teacher.userId, minor.userId);
    const contacts = await w.useCases.listContacts.execute(teacher);
    // Mia Minor is the teacher's student and Pat Parent her guardian: first, then everyone else by name.
    expect(names(contacts)).toEqual(['Mia Minor', 'Pat Parent', 'Ada Adult', 'Adam Admin', 'Lena Lead', 'Ned Minor', 'Otto Teacher', 'Quinn Parent']);
    expect(contacts.find((c) => c.name === 'Pat Parent')?.children).toEqual(['Mia Minor']);
    expect(contacts.find((c) => c.name === 'Quinn Parent')?.children).toEqual(['Ned Minor']);
    expect(contacts.find((c) => c.name === 'Tess Teacher')).toBeUndefined();
    // An admin teaches nobody: everyone by name, guardians still with their children.
    const forAdmin = await w.useCases.listContacts.execute(admin);
    expect(names(forAdmin)).toEqual([...names(forAdmin)].sort((a, b) => a.localeCompare(b)));
    expect(forAdmin.find((c) => c.name === 'Pat Parent')?.children).toEqual(['Mia Minor']);
  });

  it('gives a family its own people, the admins and the teachers of its students, never another family', async () => {
    const w = messagingWorld();
    const { teacher, otherTeacher, minor, adultStudent } = w.people;
    w.stores.directory.teaches(teacher.userId, minor.userId);
    w.stores.directory.teaches(otherTeacher.userId, adultStudent.userId);
    expect(names(await w.useCases.listContacts.execute(w.people.parent))).toEqual(['Adam Admin', 'Lena Lead', 'Mia Minor', 'Tess Teacher']);
    expect(names(await w.useCases.listContacts.execute(minor))).toEqual(['Adam Admin', 'Lena Lead', 'Pat Parent', 'Tess Teacher']);
    expect(names(await w.useCases.listContacts.execute(adultStudent))).toEqual(['Adam Admin', 'Lena Lead', 'Otto Teacher']);
    expect(names(await w.useCases.listContacts.execute(w.people.otherParent))).toEqual(['Adam Admin', 'Lena Lead', 'Ned Minor']);
  });

  it('never offers someone who left the school to start a thread with, but still names them in the threads they shared', async () => {
    const w = messagingWorld();
    const { teacher, minor, parent, otherTeacher } = w.people;
    w.stores.directory.teaches(teacher.userId, minor.userId);
    await w.useCases.startThread.execute(otherTeacher, { kind: 'group', participantIds: [w.people.admin.userId], subject: 'Handover' });
    for (const id of [teacher.userId, otherTeacher.userId]) w.stores.directory.addPerson({ ...(await w.stores.directory.person(id))!, archived: true });
    expect(names(await w.useCases.listContacts.execute(parent))).toEqual(['Adam Admin', 'Lena Lead', 'Mia Minor']);
    const forAdmin = await w.useCases.listContacts.execute(w.people.admin);
    expect(names(forAdmin)).not.toContain('Tess Teacher');
    expect(forAdmin.find((c) => c.id === otherTeacher.userId)).toMatchObject({ name: 'Otto Teacher', canStart: false });
  });

  it('adds the people of shared threads, not startable, so every participant has a name', async () => {
    const w = messagingWorld();
    const { teacher, adultStudent, otherParent } = w.people;
    w.stores.directory.teaches(teacher.userId, adultStudent.userId);
    await w.useCases.startThread.execute(teacher, { kind: 'group', participantIds: [adultStudent.userId, otherParent.userId], subject: 'Recital' });
    const contacts = await w.useCases.listContacts.execute(adultStudent);
    expect(contacts.find((c) => c.id === otherParent.userId)).toMatchObject({ name: 'Quinn Parent', canStart: false });
    expect(contacts.find((c) => c.id === teacher.userId)).toMatchObject({ canStart: true });
    expect(contacts.some((c) => c.id === adultStudent.userId)).toBe(false);
  });
});
