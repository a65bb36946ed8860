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
  templateUrl: './home-page.html',
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
