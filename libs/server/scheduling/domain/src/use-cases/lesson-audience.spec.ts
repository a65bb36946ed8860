import { newId, type SchoolId, type UserId, type Actor } from '@cadenza/shared/kernel';
import { InMemoryDirectory } from '../testing/in-memory.js';
import { LessonAudience, type LessonPeople } from './lesson-audience.js';

/**
 * A lesson of teacher T with accompanist A and students S1, S2; S1's guardian G1 has view access, S2's guardian
 * G2 full access. Around them: an admin, another teacher, another student, another family's parent, and a teacher
 * who is also a parent of another child.
 */
function world() {
  const school = newId<SchoolId>();
  const directory = new InMemoryDirectory();
  const person = (roles: string[]): Actor => {
    const userId = newId<UserId>();
    directory.addPerson(userId, roles);
    return { userId, schoolId: school, roles };
  };
  const people = {
    admin: person(['admin']),
    teacher: person(['teacher']),
    accompanist: person(['accompanist']),
    student1: person(['student']),
    student2: person(['student']),
    guardian1: person(['parent']),
    guardian2: person(['parent']),
    otherTeacher: person(['teacher']),
    otherStudent: person(['student']),
    otherParent: person(['parent']),
    teachingParent: person(['teacher', 'parent']),
  };
  directory.link(people.guardian1.userId, people.student1.userId, 'view');
  directory.link(people.guardian2.userId, people.student2.userId, 'full');
  directory.link(people.otherParent.userId, people.otherStudent.userId, 'full');
  directory.link(people.teachingParent.userId, people.otherStudent.userId, 'view');
  const lesson: LessonPeople = { teacherId: people.teacher.userId, accompanistId: people.accompanist.userId, studentIds: [people.student1.userId, people.student2.userId] };
  return { people, lesson, audience: new LessonAudience(directory) };
}

describe('LessonAudience', () => {
  it("is the lesson's teacher, accompanist, students and the guardians with any access to them", async () => {
    const { people, lesson, audience } = world();
    const [readers] = await audience.peopleOf([lesson]);
    expect(new Set(readers)).toEqual(new Set([people.teacher, people.accompanist, people.student1, people.student2, people.guardian1, people.guardian2].map((p) => p.userId)));
  });

  it('lets exactly those people read the lesson over REST, and the admins besides', async () => {
    const { people, lesson, audience } = world();
    const admitted: string[] = [];
    for (const [name, actor] of Object.entries(people)) if (await audience.includes(actor, lesson)) admitted.push(name);
    expect(admitted.sort()).toEqual(['accompanist', 'admin', 'guardian1', 'guardian2', 'student1', 'student2', 'teacher']);
  });

  it('gives the REST check and the socket the same people, whoever is asked about', async () => {
    const { people, lesson, audience } = world();
    const [readers] = await audience.peopleOf([lesson]);
    for (const actor of Object.values(people)) {
      const admin = actor.roles.includes('admin');
      expect(await audience.includes(actor, lesson)).toBe(admin || readers.includes(actor.userId));
    }
  });

  it('gives each lesson of a batch its own audience, and a lesson without an accompanist or students its teacher alone', async () => {
    const { people, lesson, audience } = world();
    const other: LessonPeople = { teacherId: people.otherTeacher.userId, accompanistId: null, studentIds: [people.otherStudent.userId] };
    const alone: LessonPeople = { teacherId: people.otherTeacher.userId, accompanistId: null, studentIds: [] };
    const [first, second, third] = await audience.peopleOf([lesson, other, alone]);
    expect(first).toHaveLength(6);
    expect(new Set(second)).toEqual(new Set([people.otherTeacher, people.otherStudent, people.otherParent, people.teachingParent].map((p) => p.userId)));
    expect(third).toEqual([people.otherTeacher.userId]);
    expect(await audience.includes(people.teachingParent, other)).toBe(true);
    expect(await audience.includes(people.teachingParent, lesson)).toBe(false);
  });
});
