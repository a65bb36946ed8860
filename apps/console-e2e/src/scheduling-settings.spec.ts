// An admin keeps the school's scheduling settings in the console, in Chromium against the demo school: a room's
// capacity changed alone keeps its features, a closure is changed and deleted (its Delete used to call a route
// that did not exist), the current term, which the demo's series run in, is refused with the reason beside it, and
// lesson types show their rates in the school's currency and are changed in place.
import { chromiumForSuite, DEMO, e2eBaseUrl, expectAccessible, freshPage, heading, signedIn, VIEWPORTS } from '@cadenza/web/shared/testing-e2e';
import type { Page } from 'playwright-core';

const base = e2eBaseUrl();
const consoleUrl = `${base}/console/`;

async function openSettings(page: Page, tab: string, label: string): Promise<void> {
  await page.goto(`${consoleUrl}settings/${tab}`);
  expect(await heading(page)).toBe('Settings');
  await page.getByRole('heading', { level: 2, name: label }).waitFor();
}

describe('scheduling settings in the console', () => {
  const browser = chromiumForSuite();

  it.each(VIEWPORTS)('an admin changes rooms, closures, terms and lesson types (%s)', async (size, viewport) => {
    const page = await freshPage(browser(), viewport);
    await signedIn(page, consoleUrl, DEMO.admin);
    const suffix = `${size}-${Date.now() % 100_000}`;

    // A room: its capacity alone changes, its features stay.
    await openSettings(page, 'rooms', 'Rooms');
    const roomName = `Journey room ${suffix}`;
    await page.getByLabel('Room name').fill(roomName);
    await page.getByLabel('Capacity').fill('2');
    await page.getByLabel('Features (comma separated)').fill('piano, harp');
    await page.getByRole('button', { name: 'Add room' }).click();
    await page.getByRole('status').filter({ hasText: `Room ${roomName} added.` }).waitFor();
    await page.getByRole('button', { name: `Edit room ${roomName}` }).click();
    const editing = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'Save room' }) });
    await editing.getByLabel('Capacity').fill('6');
    await editing.getByRole('button', { name: 'Save room' }).click();
    await page.getByRole('status').filter({ hasText: `Room ${roomName} saved.` }).waitFor();
    const row = page.getByRole('row').filter({ hasText: roomName });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(expect.arrayContaining([roomName, '6', 'piano, harp']));
    await expectAccessible(page, `rooms settings (${size})`);

    // A closure: added, its last day changed, then deleted.
    await page.getByRole('link', { name: 'Terms & closures' }).click();
    await page.getByRole('heading', { level: 2, name: 'Closures and holidays' }).waitFor();
    const closureName = `Inset day ${suffix}`;
    await page.getByLabel('Closure name').fill(closureName);
    await page.getByLabel('First day').fill('2031-02-03');
    await page.getByLabel('Last day').fill('2031-02-03');
    await page.getByRole('button', { name: 'Add closure' }).click();
    await page.getByText(`${closureName}: 2031-02-03 – 2031-02-03`).waitFor();
    await page.getByRole('button', { name: `Edit closure ${closureName}` }).click();
    await page.locator('input[name="edit-closureEnd"]').fill('2031-02-04');
    await page.getByRole('button', { name: 'Save closure' }).click();
    await page.getByText(`${closureName}: 2031-02-03 – 2031-02-04`).waitFor();
    await page.getByRole('button', { name: `Delete closure ${closureName}` }).click();
    await page.getByRole('status').filter({ hasText: `Closure ${closureName} deleted.` }).waitFor();
    expect(await page.getByText(`${closureName}: `).count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);

    // The current term: the demo's series run in it, so it stays, and the refusal says why in the terms' card.
    await page.getByRole('button', { name: 'Delete term Current term' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'lesson series run in Current term' });
    await refusal.waitFor();
    const terms = await page.getByRole('heading', { level: 2, name: 'Terms' }).boundingBox();
    const alert = await refusal.boundingBox();
    expect(alert && terms && alert.y > terms.y).toBe(true);
    expect(await page.getByText(/^Current term:/).count()).toBe(1);
    await expectAccessible(page, `terms settings with a refusal (${size})`);

    // Lesson types: rates in pounds, one changed in place.
    await page.getByRole('link', { name: 'Lesson types' }).click();
    await page.getByRole('heading', { level: 2, name: 'Lesson types' }).waitFor();
    const typeName = `Journey type ${suffix}`;
    await page.getByLabel('Name', { exact: true }).fill(typeName);
    await page.getByLabel('Rate in GBP').fill('25.5');
    await page.getByRole('button', { name: 'Add lesson type' }).click();
    await page.getByText(`${typeName}: 30 min, individual, £25.50`).waitFor();
    await page.getByRole('button', { name: `Edit lesson type ${typeName}` }).click();
    await page.locator('input[name="edit-rate"]').fill('30');
    await page.getByRole('button', { name: 'Save lesson type' }).click();
    await page.getByText(`${typeName}: 30 min, individual, £30.00`).waitFor();
    await page.getByRole('button', { name: `Delete lesson type ${typeName}` }).click();
    await page.getByRole('status').filter({ hasText: `Lesson type ${typeName} deleted.` }).waitFor();
    await expectAccessible(page, `lesson types settings (${size})`);
    await page.close();
  });
});
