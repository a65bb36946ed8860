// import: a school's CSV import through the real api (demo school seeded, then the files): 120 rooms and 120 teachers,
// then BENCH_IMPORT_STUDENTS (default 5,000) students in BENCH_IMPORT_FAMILIES (default 3,000) families with their
// guardians, then one weekly lesson per student for a term of BENCH_IMPORT_WEEKS (default 12) weeks. For the families
// and the lessons: the dry run and the commit, each timed from the request to its answer, and a second commit of the
// same file (everything unchanged). Target: the dry run and the commit of each under 30 s.
import { randomBytes, randomUUID } from 'node:crypto';
import { migrateDatabase, mondayAhead, round, startAppServer, ADMIN, DAY_MS } from './lib/app.js';
import { createTempDatabase, heading, line, onCleanup, signIn } from './lib/util.js';

const TARGET_S = 30;
const TEACHERS = 120;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const SLOTS = Array.from({ length: 10 }, (_, i) => `${String(14 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const csv = (rows) => rows.map((r) => r.join(',')).join('\r\n') + '\r\n';

export async function run() {
  const students = Number(process.env.BENCH_IMPORT_STUDENTS ?? 5_000);
  const familyCount = Number(process.env.BENCH_IMPORT_FAMILIES ?? 3_000);
  const weeks = Number(process.env.BENCH_IMPORT_WEEKS ?? 12);
  heading(`import: ${students.toLocaleString('en')} students in ${familyCount.toLocaleString('en')} families with weekly lessons for ${weeks} weeks`);
  if (students > TEACHERS * WEEKDAYS.length * SLOTS.length) throw new Error(`at most ${TEACHERS * WEEKDAYS.length * SLOTS.length} students fit the bench's timetable`);
  const db = await createTempDatabase('import');
  const unregister = onCleanup(() => db.drop());
  let server;
  try {
    await migrateDatabase(db.url);
    server = await startAppServer({ databaseUrl: db.url, secret: randomBytes(48).toString('base64url'), logLevel: 'warn' });
    const token = await signIn(server.baseUrl, ADMIN.email, ADMIN.password);
    const call = async (step, kind, text, mapping) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), `${kind}.csv`);
      form.append('mapping', JSON.stringify(mapping));
      form.append('runId', randomUUID());
      const started = performance.now();
      const response = await fetch(`${server.baseUrl}/api/v1/imports/${kind}/${step}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const body = await response.json();
      const seconds = (performance.now() - started) / 1000;
      if (response.status !== 200) throw new Error(`${kind} ${step}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 600)}`);
      if (body.problems.length > 0) throw new Error(`${kind} ${step}: ${body.problems.length} problems, the first ${JSON.stringify(body.problems.slice(0, 3))}`);
      line(`${kind} ${step.padEnd(7)} ${seconds.toFixed(1).padStart(6)} s  (${body.rowCount} rows: ${body.created} new, ${body.unchanged} unchanged${step === 'commit' ? `, committed ${body.committed}` : ''})`);
      return { seconds: round(seconds, 1), created: body.created, unchanged: body.unchanged };
    };

    // The term starts on a Monday well after the demo school's terms, so it overlaps none of them and no lesson is in the past.
    const start = mondayAhead(80);
    const day = (ms) => new Date(ms).toISOString().slice(0, 10);
    const term = { name: 'Bench term', startDate: day(start.getTime()), endDate: day(start.getTime() + (weeks * 7 - 3) * DAY_MS) };
    const created = await fetch(`${server.baseUrl}/api/v1/terms`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(term) });
    if (created.status !== 201) throw new Error(`term: HTTP ${created.status}`);

    const rooms = csv([['Room name', 'Capacity'], ...Array.from({ length: TEACHERS }, (_, i) => [`Bench room ${i + 1}`, '2'])]);
    await call('commit', 'rooms', rooms, { name: 'Room name', capacity: 'Capacity' });
    const teachers = csv([['Name', 'Email'], ...Array.from({ length: TEACHERS }, (_, i) => [`Bench Teacher ${i + 1}`, `teacher${i + 1}@import.bench`])]);
    await call('commit', 'teachers', teachers, { name: 'Name', email: 'Email' });

    // Families of one or two students (as many of two as make up the count), every other one with a second guardian.
    const familyRows = [['Family reference', 'Family name', 'Student name', 'Student email', 'Student date of birth', 'Guardian name', 'Guardian email', 'Second guardian name', 'Second guardian email']];
    const twins = students - familyCount;
    let s = 0;
    for (let f = 1; f <= familyCount; f++) {
      const size = f <= twins ? 2 : 1;
      const second = f % 2 === 0 ? [`Second Parent ${f}`, `parent2.${f}@import.bench`] : ['', ''];
      for (let k = 0; k < size; k++) {
        s++;
        const year = 2008 + (s % 12);
        familyRows.push([`BF${f}`, `Family ${f}`, `Student ${s}`, `student${s}@import.bench`, `${year}-0${1 + (s % 9)}-1${s % 10}`, `Parent ${f}`, `parent${f}@import.bench`, ...second]);
      }
    }
    const families = csv(familyRows);
    const familyMapping = {
      family_ref: 'Family reference', family_name: 'Family name', student_name: 'Student name', student_email: 'Student email', student_date_of_birth: 'Student date of birth',
      guardian_name: 'Guardian name', guardian_email: 'Guardian email', second_guardian_name: 'Second guardian name', second_guardian_email: 'Second guardian email',
    };
    line(`families file: ${(families.length / 1024).toFixed(0)} KiB, ${familyRows.length - 1} rows`);
    const familiesDry = await call('dry-run', 'families', families, familyMapping);
    const familiesCommit = await call('commit', 'families', families, familyMapping);
    const familiesAgain = await call('commit', 'families', families, familyMapping);

    // One lesson a week per student: teacher t in room t, ten half-hour slots an afternoon, five afternoons.
    const lessonRows = [['Student email', 'Teacher email', 'Room', 'Weekday', 'Start time', 'Duration (minutes)', 'Term']];
    for (let i = 0; i < students; i++) {
      const teacher = i % TEACHERS;
      const slot = Math.floor(i / TEACHERS);
      lessonRows.push([`student${i + 1}@import.bench`, `teacher${teacher + 1}@import.bench`, `Bench room ${teacher + 1}`, WEEKDAYS[slot % WEEKDAYS.length], SLOTS[Math.floor(slot / WEEKDAYS.length)], '30', term.name]);
    }
    const lessons = csv(lessonRows);
    const lessonMapping = { student_email: 'Student email', teacher_email: 'Teacher email', room: 'Room', weekday: 'Weekday', start_time: 'Start time', duration_minutes: 'Duration (minutes)', term: 'Term' };
    const lessonsDry = await call('dry-run', 'lessons', lessons, lessonMapping);
    const lessonsCommit = await call('commit', 'lessons', lessons, lessonMapping);
    const lessonsAgain = await call('commit', 'lessons', lessons, lessonMapping);

    const dry = round(familiesDry.seconds + lessonsDry.seconds, 1);
    const commit = round(familiesCommit.seconds + lessonsCommit.seconds, 1);
    const pass = familiesDry.seconds < TARGET_S && familiesCommit.seconds < TARGET_S && lessonsDry.seconds < TARGET_S && lessonsCommit.seconds < TARGET_S;
    line(`families and lessons together: dry run ${dry} s, commit ${commit} s; each step under ${TARGET_S} s: ${pass ? 'PASS' : 'FAIL'}`);
    const summary = { students, families: familyCount, weeks, familiesDry, familiesCommit, familiesAgain, lessonsDry, lessonsCommit, lessonsAgain, dryTotalS: dry, commitTotalS: commit, targetS: TARGET_S, pass };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  } finally {
    await server?.stop();
    await db.drop();
    unregister();
  }
}
