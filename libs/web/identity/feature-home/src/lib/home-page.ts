import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal, type OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatCardModule } from '@angular/material/card';
import type { ProblemDetails } from '@cadenza/shared/contracts';
import { AuthStore, toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { ROLE_LABELS } from './role-labels';

/** Home: who you are, your school and your roles. */
@Component({
  selector: 'cz-home-page',
  imports: [MatCardModule, ProblemAlert],
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

  ngOnInit(): void {
    // The session already carries the profile; reload it so changes made elsewhere show up.
    this.store
      .me()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ error: (error: unknown) => this.problem.set(toProblem(error)) });
  }
}
