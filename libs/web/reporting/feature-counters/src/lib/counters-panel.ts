import { ChangeDetectionStrategy, Component, computed, inject, type OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { CountersStore } from '@cadenza/web/reporting/data-access';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { counterCards } from './counter-cards';

/**
 * The home page's live counters for the signed-in person's role, updated from the socket
 * without a reload. The numbers sit in a polite live region, so a screen reader announces
 * a change when the person is idle, not in the middle of what they are doing.
 */
@Component({
  selector: 'cz-counters-panel',
  imports: [RouterLink, ProblemAlert],
  providers: [CountersStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './counters-panel.scss',
  template: `
    <section class="counters" aria-labelledby="counters-title">
      <h2 id="counters-title" class="title">At a glance</h2>
      <cz-problem-alert class="problem" [problem]="problem()" />
      <ul class="cards" aria-live="polite" [attr.aria-busy]="cards() === null" data-testid="counters">
        @for (card of cards() ?? []; track card.key) {
          <li class="card">
            @if (card.link) {
              <a class="card-body" [routerLink]="card.link" [queryParams]="card.query" [attr.data-testid]="'counter-' + card.key">
                <span class="value">{{ card.value }}</span>
                <span class="label">{{ card.label }}</span>
              </a>
            } @else {
              <div class="card-body" [attr.data-testid]="'counter-' + card.key">
                <span class="value">{{ card.value }}</span>
                <span class="label">{{ card.label }}</span>
              </div>
            }
          </li>
        }
      </ul>
    </section>
  `,
})
export class CountersPanel implements OnInit {
  private readonly store = inject(CountersStore);
  protected readonly problem = this.store.problem;
  protected readonly cards = computed(() => {
    const counters = this.store.counters();
    return counters ? counterCards(counters) : null;
  });

  ngOnInit(): void {
    this.store.load();
  }
}
