import { NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal, type OnInit, type Type } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { HOME_PANELS, ProblemAlert } from '@cadenza/web/shared/ui';
import { ROLE_LABELS } from './role-labels';

/** Home: the panels the app puts here (the live counters), then who you are, your school and your roles. */
@Component({
  selector: 'cz-home-page',
  imports: [MatCardModule, NgComponentOutlet, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './home-page.scss',
  template: `
    @if (user(); as user) {
      <header class="intro">
        <p class="eyebrow">{{ user.school.name }}</p>
        <h1>Welcome, {{ user.name }}</h1>
      </header>

      <cz-problem-alert class="problem" [problem]="problem()" />

      @for (panel of panels(); track $index) {
        <ng-container *ngComponentOutlet="panel" />
      }

      <mat-card appearance="outlined" class="account">
        <mat-card-header>
          <h2 matCardTitle>Your account</h2>
        </mat-card-header>
        <mat-card-content>
          <dl>
            <div class="row">
              <dt>Name</dt>
              <dd data-testid="me-name">{{ user.name }}</dd>
            </div>
            <div class="row">
              <dt>Email</dt>
              <dd data-testid="me-email">{{ user.email }}</dd>
            </div>
            <div class="row">
              <dt>School</dt>
              <dd data-testid="me-school">{{ user.school.name }}</dd>
            </div>
            <div class="row">
              <dt>{{ roles().length === 1 ? 'Role' : 'Roles' }}</dt>
              <dd>
                <ul class="roles" data-testid="me-roles">
                  @for (role of roles(); track role.role) {
                    <li class="role">{{ role.label }}</li>
                  }
                  @if (user.safeguardingLead) {
                    <li class="role">Safeguarding lead</li>
                  }
                </ul>
              </dd>
            </div>
          </dl>
        </mat-card-content>
      </mat-card>
    }
  `,
})
export class HomePage implements OnInit {
  private readonly store = inject(AuthStore);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly user = this.store.user;
  protected readonly roles = computed(() => (this.user()?.roles ?? []).map((role) => ({ role, label: ROLE_LABELS[role] })));
  protected readonly problem = signal<ProblemDetails | null>(null);
  protected readonly panels = signal<Type<unknown>[]>([]);
  private readonly panelLoaders = inject(HOME_PANELS);

  ngOnInit(): void {
    if (this.panelLoaders.length > 0) {
      Promise.all(this.panelLoaders.map((load) => load())).then(
        (panels) => this.panels.set(panels),
        () => this.problem.set(toProblem(new Error('A part of the home page failed to load.'))),
      );
    }
    // The session already carries the profile; reload it so changes made elsewhere show up.
    this.store
      .me()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ error: (error: unknown) => this.problem.set(toProblem(error)) });
  }
}
