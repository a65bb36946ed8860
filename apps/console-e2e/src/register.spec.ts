// The register on a teacher's phone, in Chromium at 375 px, against a running Cadenza with the demo school: a group
// lesson running now is marked student by student in two taps each (the student, then the status), "All present"
// marks the rest, and the register is complete and delivered on the server. The page passes axe as it goes.
import { bookLessonNow, expectAccessible, freshPage, heading, launchChromium, restAs, signedIn } from '@cadenza/web/shared/testing-e2e';
import type { Browser } from 'playwright-core';

const base = (process.env.CADENZA_E2E_URL ?? '').replace(/\/+$/, '');
const consoleUrl = `${base}/console/`;
const demo = (local: string) => `${local}@demo.cadenza.school`;

describe('the register on a phone', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!base) throw new Error('Set CADENZA_E2E_URL to the running Cadenza, e.g. http://localhost:3000');
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('marks a group lesson in two taps a student, and "All present" for the rest', async () => {
    const admin = await restAs(base, demo('admin'));
    const users = (await admin('GET', '/users')).body as { id: string; email: string; name: string }[];
    const idOf = (who: string) => users.find((u) => u.email === demo(who))!.id;
    const students = ['student30', 'student31', 'student32'].map((who) => ({ id: idOf(who), name: users.find((u) => u.email === demo(who))!.name }));
    const lessonId = await bookLessonNow(admin, { teacherId: idOf('teacher6'), studentIds: students.map((s) => s.id) }, 'Register journey');

    const page = await freshPage(browser, { width: 375, height: 812 });
    await signedIn(page, consoleUrl, demo('teacher6'));
    await page.goto(`${consoleUrl}register`);
    expect(await heading(page)).toBe('Register');
    const lesson = page.getByTestId(`register-${lessonId}`);
    await lesson.getByText('0 of 3 marked · not started').waitFor();
    await expectAccessible(page, 'the register on a phone');

    // Two taps: the student, then the status.
    await lesson.getByRole('button', { name: new RegExp(`^${students[0]!.name}`) }).click();
    await lesson.getByRole('group', { name: `Mark ${students[0]!.name}` }).waitFor();
    await expectAccessible(page, 'the register with a student’s choices open');
    await lesson.getByRole('button', { name: 'Late 5 min' }).click();
    await lesson.getByRole('button', { name: `${students[0]!.name} Late 5 min` }).waitFor();
    await lesson.getByText(/^1 of 3 marked · started /).waitFor();

    await lesson.getByRole('button', { name: new RegExp(`^${students[1]!.name}`) }).click();
    await lesson.getByRole('button', { name: 'Absent, told us' }).click();
    await lesson.getByRole('button', { name: `${students[1]!.name} Absent, told us` }).waitFor();

    await lesson.getByRole('button', { name: 'All present' }).click();
    await lesson.getByRole('button', { name: `${students[2]!.name} Present` }).waitFor();
    await lesson.getByText(/^3 of 3 marked · started .* · delivered$/).waitFor();
    expect(await lesson.getByRole('button', { name: 'All present' }).count()).toBe(0);
    await expectAccessible(page, 'the register marked');

    await lesson.getByRole('button', { name: 'End lesson' }).click();
    await lesson.getByText(/· ended /).waitFor();

    const register = (await admin('GET', `/attendance/lessons/${lessonId}`)).body;
    expect(register).toMatchObject({ complete: true, delivered: true, counts: { students: 3, present: 1, late: 1, absentWithNotice: 1 } });
    expect(register.endedAt).not.toBeNull();
    expect(((await admin('GET', `/attendance/lessons/${lessonId}/history`)).body as unknown[]).length).toBe(3);
  }, 180_000);
});
