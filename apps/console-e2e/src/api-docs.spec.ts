// The API's own documentation page, for the developers who integrate with a school: Swagger UI at
// /api/docs, where a request can be tried with an access token, under the api's own security headers.
import { chromiumForSuite, DEMO, DEMO_PASSWORD, e2eBaseUrl, expectNoCspViolations, freshPage } from '@cadenza/web/shared/testing-e2e';

const base = e2eBaseUrl();

describe('the API documentation page', () => {
  const browser = chromiumForSuite();

  it('lets a developer authorize with an access token and try a request from the page', async () => {
    const signedIn = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO.teacher, password: DEMO_PASSWORD }),
    });
    expect(signedIn.status).toBe(200);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };

    const page = await freshPage(browser());
    await page.goto(`${base}/api/docs`);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.dialog-ux');
    await dialog.locator('input[type="text"], input[type="password"]').first().fill(accessToken);
    // In the dialog, Swagger UI names its buttons for screen readers "Apply credentials" and "Close".
    await dialog.getByRole('button', { name: 'Apply credentials' }).click();
    await dialog.locator('button.btn-done').click();

    // Sections open closed: open the signed-in person's one.
    await page.locator('#operations-tag-me').click();
    const operation = page.locator('#operations-me-MeController_me');
    await operation.locator('.opblock-summary').first().click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('200');
    expect(await operation.locator('.live-responses-table tr.response .response-col_description').first().innerText()).toContain(DEMO.teacher);

    expectNoCspViolations(page);
    await page.context().close();
  });
});
