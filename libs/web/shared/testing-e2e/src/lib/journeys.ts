import type { Locator, Page } from 'playwright-core';
import { expectAccessible } from './accessibility.js';
import { heading } from './browser.js';

export const DEMO_PASSWORD = 'cadenza-demo';
export const DEMO_SCHOOL = 'Cadenza Demo School';
export const DEMO = {
  admin: 'admin@demo.cadenza.school',
  teacher: 'teacher1@demo.cadenza.school',
  student: 'student1@demo.cadenza.school',
  parent: 'parent1@demo.cadenza.school',
} as const;

/** Opens `url`, expects the sign-in page (checked for accessibility) and submits the form. */
export async function signIn(page: Page, url: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.waitForURL(/\/sign-in/);
  expect(await heading(page)).toBe('Sign in');
  await expectAccessible(page, 'sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through `appUrl`'s sign-in page and waits to be back at `appUrl`. */
export async function signedIn(page: Page, appUrl: string, email: string): Promise<void> {
  await signIn(page, appUrl, email);
  await page.waitForURL(appUrl);
}

/** Signs in at `appUrl` with a wrong password: an alert says so, the app stays on its sign-in page, which is accessible. */
export async function expectWrongPasswordRefused(page: Page, appUrl: string, email: string): Promise<void> {
  await signIn(page, appUrl, email, 'not-the-password');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
  expect(new URL(page.url()).pathname).toBe(new URL('sign-in', appUrl).pathname);
  await expectAccessible(page, 'sign-in with an error');
}

/**
 * The shell's main navigation, opened first when it is a menu (on a phone, under 600 px). A link
 * chosen in it closes the menu again.
 */
export async function mainNav(page: Page): Promise<Locator> {
  const menu = page.getByTestId('shell-menu-button');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.waitFor();
  return nav;
}

export interface HomeExpectation {
  email: string;
  role: string;
  /** The main navigation's links, in order (on a phone, Account follows them); only Home when not given. */
  nav?: readonly string[];
}

/** Expects home to show who is signed in, their school and role; checks it for accessibility. */
export async function expectHome(page: Page, { email, role, nav = ['Home'] }: HomeExpectation): Promise<void> {
  const name = page.getByTestId('me-name');
  await name.waitFor();
  const shownName = (await name.innerText()).trim();
  expect(shownName.length).toBeGreaterThan(0);
  expect(await heading(page)).toBe(`Welcome, ${shownName}`);
  expect((await page.getByTestId('me-email').innerText()).trim()).toBe(email);
  expect((await page.getByTestId('me-school').innerText()).trim()).toBe(DEMO_SCHOOL);
  expect(await page.getByTestId('me-roles').innerText()).toContain(role);
  expect(await (await mainNav(page)).getByRole('link').allInnerTexts()).toEqual([...nav]);
  await expectAccessible(page, 'home');
}

/** Signs out from the shell and expects to be back at sign-in. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in/);
  expect(await heading(page)).toBe('Sign in');
}
