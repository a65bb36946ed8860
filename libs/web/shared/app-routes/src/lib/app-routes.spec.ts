import type { Route } from '@angular/router';
import { withSharedRoutes } from './app-routes';

describe('withSharedRoutes', () => {
  const page: Route = { path: 'only-here', redirectTo: '/' };
  const routes = withSharedRoutes([page]);
  const shell = routes.find((r) => r.path === '' && r.children);

  it('gives both apps signing in and the emailed links outside the shell, and sends anything else home, last', () => {
    expect(routes.map((r) => r.path)).toEqual(['sign-in', 'accept-invitation', 'forgot-password', 'reset-password', 'switch-app', '', '**']);
    expect(routes.at(-1)).toEqual({ path: '**', redirectTo: '' });
  });

  it('puts the shared pages and then the app’s own inside the shell, which needs a session in the right app', () => {
    expect(shell?.canActivate).toHaveLength(2);
    expect(shell?.children?.map((r) => r.path)).toEqual(['', 'notifications/preferences', 'account', 'messages', 'only-here']);
    expect(shell?.children?.at(-1)).toBe(page);
  });

  it('loads every shared page lazily', () => {
    const lazy = [...routes.filter((r) => r.path !== '**' && r !== shell), ...(shell?.children ?? []).filter((r) => r !== page)];
    expect(lazy.every((r) => typeof r.loadChildren === 'function')).toBe(true);
    expect(typeof shell?.loadComponent).toBe('function');
  });
});
