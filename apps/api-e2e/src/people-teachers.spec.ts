import type { ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, startedWithAdmin, type Client } from './support/client.js';
import { directory, expectProblem, fieldsOf } from './support/scheduling.js';

let api: ApiProcess;
let admin: Client;
let idOf: (email: string) => string;

startedWithAdmin(async (started, signedInAdmin) => {
  [api, admin] = [started, signedInAdmin];
  idOf = await directory(admin);
});

const profile = { instruments: ['Violin', 'Viola'], levels: ['Beginner', 'Grade 8'], bio: 'Leads the city youth orchestra.', phone: '+44 20 7946 0001', email: 'Ana.Work@Example.org' };

describe('teachers’ and accompanists’ profiles', () => {
  it('lets an admin set a teacher’s profile, field by field, refusing a bad phone by name', async () => {
    const teacher = idOf(demo('teacher1'));
    const set = await admin.patch(`/api/v1/teachers/${teacher}`, profile);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ...profile, email: 'ana.work@example.org', roles: ['teacher'] });
    const bad = await admin.patch(`/api/v1/teachers/${teacher}`, { bio: 'Not saved', phone: 'ring the office' });
    expectProblem(bad, 400, 'IDENTITY.INVALID_PHONE');
    expect(fieldsOf(bad)).toEqual(['phone']);
    const own = await (await signedIn(api.url, demo('teacher1'))).patch(`/api/v1/teachers/${teacher}`, { levels: ['Grade 1'] });
    expect(own.body).toMatchObject({ ...profile, email: 'ana.work@example.org', levels: ['Grade 1'] });
  });

  it('shows families what a teacher teaches and their bio, and the work contact to staff only', async () => {
    const teacher = idOf(demo('teacher1'));
    for (const who of ['parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).get(`/api/v1/teachers/${teacher}`);
      expect({ who, status: reply.status }).toEqual({ who, status: 200 });
      expect(reply.body).toMatchObject({ instruments: profile.instruments, bio: profile.bio });
      expect(Object.keys(reply.body)).not.toContain('phone');
      expect(Object.keys(reply.body)).not.toContain('email');
    }
    for (const who of ['teacher2', 'accompanist', 'admin']) {
      const reply = await (await signedIn(api.url, demo(who))).get(`/api/v1/teachers/${teacher}`);
      expect({ who, phone: reply.body.phone }).toEqual({ who, phone: profile.phone });
    }
  });

  it('refuses another teacher and families a change, and is not found for someone who does not teach', async () => {
    const teacher = idOf(demo('teacher1'));
    for (const who of ['teacher2', 'accompanist', 'parent1', 'student1']) {
      const reply = await (await signedIn(api.url, demo(who))).patch(`/api/v1/teachers/${teacher}`, { bio: 'Hijacked' });
      expect({ who, status: reply.status }).toEqual({ who, status: 403 });
    }
    expect((await admin.get(`/api/v1/teachers/${idOf(demo('student1'))}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/teachers/${teacher}`)).body.bio).toBe(profile.bio);
  });
});
