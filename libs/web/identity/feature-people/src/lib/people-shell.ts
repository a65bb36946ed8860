import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AuthStore } from '@cadenza/web/shared/data-access-api';

/** People: for admins the students, families and staff as tabs, each a page of its own; for a teacher their students. */
@Component({
  selector: 'cz-people-shell',
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
      max-width: 1100px;
    }
    h1 {
      margin: 0 0 8px;
      font: var(--mat-sys-headline-small);
    }
    nav {
      margin-bottom: 16px;
    }
  `,
  template: `
    <h1>{{ isAdmin() ? 'People' : 'My students' }}</h1>
    <nav mat-tab-nav-bar [tabPanel]="panel" aria-label="People">
      @for (tab of tabs(); track tab.path) {
        <a mat-tab-link [routerLink]="tab.path" routerLinkActive #active="routerLinkActive" [active]="active.isActive">{{ tab.label }}</a>
      }
    </nav>
    <mat-tab-nav-panel #panel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
})
export class PeopleShell {
  private readonly me = inject(AuthStore).user;
  protected readonly isAdmin = computed(() => !!this.me()?.roles.includes('admin'));
  protected readonly tabs = computed(() =>
    this.isAdmin()
      ? [
          { path: 'students', label: 'Students' },
          { path: 'families', label: 'Families' },
          { path: 'staff', label: 'Staff' },
        ]
      : [{ path: 'students', label: 'Students' }],
  );
}
