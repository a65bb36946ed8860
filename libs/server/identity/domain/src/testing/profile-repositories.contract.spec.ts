import { newId, type SchoolId } from '@cadenza/shared/kernel';
import { InMemoryStudentProfiles, InMemoryTeacherProfiles, InMemoryUsers } from './in-memory.js';
import { profileRepositoriesContract } from './profile-repositories.contract.js';

profileRepositoriesContract('in-memory fakes, with a tenant', async () => {
  const schoolId = newId<SchoolId>();
  let current: SchoolId = schoolId;
  const students = new InMemoryStudentProfiles(() => current);
  const teachers = new InMemoryTeacherProfiles(() => current);
  const users = new InMemoryUsers(() => current);
  const otherSchoolId = newId<SchoolId>();
  return {
    users,
    students,
    teachers,
    schoolId,
    otherSchoolId,
    inOtherSchool: async (user, student, teacher) => {
      current = otherSchoolId;
      await users.add(user);
      await students.save(student);
      await teachers.save(teacher);
      current = schoolId;
    },
  };
});
