import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expectNoCspViolations } from './browser.js';

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation
 * (and on anything the Content-Security-Policy blocked, which silently breaks styles or scripts).
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expectNoCspViolations(page);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(blocking).toEqual([]);
}
