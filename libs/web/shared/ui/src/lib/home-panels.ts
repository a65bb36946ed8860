import { InjectionToken, type Type } from '@angular/core';

/** Loads a panel's component, lazily, so the home page pays for a context's code only when it shows it. */
export type HomePanelLoader = () => Promise<Type<unknown>>;

/**
 * Panels the app puts on the home page (the live counters, say), in order. The home page
 * belongs to identity and may not import other contexts' features; the app, which composes
 * them, provides this on the home route.
 */
export const HOME_PANELS = new InjectionToken<readonly HomePanelLoader[]>('HOME_PANELS', { factory: () => [] });

/**
 * Controls the app puts in the shell's toolbar, beside the user's name (the notification
 * bell, say), loaded lazily. Provided by the app, which composes the contexts' features.
 */
export const SHELL_TOOLBAR_ITEMS = new InjectionToken<readonly HomePanelLoader[]>('SHELL_TOOLBAR_ITEMS', { factory: () => [] });

/**
 * Panels the app puts on a person's page in People (their lessons, say), loaded lazily, in order. Each panel's
 * component takes the inputs `personId` and `kind` (`students` or `staff`). The page belongs to identity and may not
 * import other contexts' features; the console provides this on its `people` route.
 */
export const PERSON_PANELS = new InjectionToken<readonly HomePanelLoader[]>('PERSON_PANELS', { factory: () => [] });

/**
 * Panels the apps put on the account page, after one's profile and password (the calendar feed, say), loaded lazily,
 * in order. The page belongs to identity and may not import other contexts' features; the shared routes provide it.
 */
export const ACCOUNT_PANELS = new InjectionToken<readonly HomePanelLoader[]>('ACCOUNT_PANELS', { factory: () => [] });
