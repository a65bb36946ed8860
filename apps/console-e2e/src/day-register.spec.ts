// The admins' day register, in Chromium against a running Cadenza with the demo school: an admin opens a day two
// weeks back (its registers' marking window closed), narrows it to one teacher, corrects a student's mark, is refused
// without a reason beside the register, gives one, and reads the correction with its reason in the register's history.
// The page passes axe as it goes.
import type { DayRegister, RegisterChange } from '@cadenza/shared/contracts';
import { apiAs, DEMO, chromiumForSuite, e2eBaseUrl, expectAccessible, freshPage, heading, mainNav, signedIn } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;
const DAY = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` `days` before the school day `date`. */
const daysBefore = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) - days * DAY).toISOString().slice(0, 10);

describe('the day register', () => {
  const browser = chromiumForSuite();

  it('corrects a past register with a reason, refused without one, and shows the correction in its history', async () => {
    const admin = await apiAs(base, DEMO.admin);
    const today = await admin<DayRegister>('GET', '/attendance/day');
    // A weekday two weeks back, whose lessons are well past the marking window (7 days by default).
    let day: DayRegister | null = null;
    for (let back = 14; back < 19 && !day; back++) {
      const candidate = await admin<DayRegister>('GET', `/attendance/day?date=${daysBefore(today.date, back)}`);
      if (candidate.lessons.some((l) => !l.cancelled && l.studentIds.length > 0)) day = candidate;
    }
    if (!day) throw new Error('no lessons two weeks back in the demo term');
    const lesson = day.lessons.find((l) => !l.cancelled && l.studentIds.length > 0)!;
    const studentId = lesson.studentIds[0]!;
    const users = await admin<{ id: string; name: string }[]>('GET', '/users');
    const nameOf = (id: string) => users.find((u) => u.id === id)!.name;
    const current = lesson.entries.find((e) => e.studentId === studentId)?.status;
    const [choice, status] = current === 'excused' ? ['Present', 'present'] : ['Excused', 'excused'];
    const reason = `Found the note in the office ${Date.now()}`;

    const page = await freshPage(browser());
    await signedIn(page, consoleUrl, DEMO.admin);
    await (await mainNav(page)).getByRole('link', { name: 'Day register' }).click();
    await page.waitForURL(/day-register/);
    await page.getByRole('navigation', { name: 'Days' }).waitFor();
    expect(await heading(page)).toBe('Day register');
    await page.getByLabel('Day', { exact: true }).fill(day.date);
    await page.waitForURL(new RegExp(`date=${day.date}`));
    await page.getByLabel('Teacher').selectOption({ label: nameOf(lesson.teacherId) });
    await page.waitForURL(new RegExp(`teacher=${lesson.teacherId}`));
    await page.getByRole('heading', { name: nameOf(lesson.teacherId), level: 2 }).waitFor();
    const card = page.getByTestId(`register-${lesson.lessonId}`);
    await card.getByLabel('Reason for the correction').waitFor();
    await expectAccessible(page, 'the day register, a past day');

    // The correction without a reason: refused beside the register, nothing changed.
    await card.getByRole('button', { name: new RegExp(`^${nameOf(studentId)}`) }).click();
    await card.getByRole('group', { name: `Mark ${nameOf(studentId)}` }).getByRole('button', { name: choice, exact: true }).click();
    await card.getByRole('alert').filter({ hasText: 'A change after the marking window needs a reason.' }).first().waitFor();
    await expectAccessible(page, 'the day register refusing a correction without a reason');

    await card.getByLabel('Reason for the correction').fill(reason);
    await card.getByRole('group', { name: `Mark ${nameOf(studentId)}` }).getByRole('button', { name: choice, exact: true }).click();
    await card.getByRole('button', { name: `${nameOf(studentId)} ${choice}` }).waitFor();
    expect(await card.getByRole('alert').count()).toBe(0);

    await card.getByRole('button', { name: 'History' }).click();
    const history = card.getByRole('region', { name: /^History of the lesson/ });
    await history.getByText(reason, { exact: false }).waitFor();
    expect(await history.getByRole('listitem').filter({ hasText: reason }).innerText()).toContain(`You: ${nameOf(studentId)}`);
    await expectAccessible(page, 'the day register with a register’s history');
    await page.context().close();

    const changes = await admin<RegisterChange[]>('GET', `/attendance/lessons/${lesson.lessonId}/history`);
    expect(changes.at(-1)).toMatchObject({ studentId, to: { status }, reason });
  });
});
