import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The Cadenza mark: a quaver in a rounded square. Decorative; the text beside it names the app. */
@Component({
  selector: 'cz-cadenza-logo',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', '[style.width.px]': 'size()', '[style.height.px]': 'size()' },
  styles: `
    :host {
      display: inline-block;
      flex: none;
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
    }
  `,
  template: `
    <svg viewBox="0 0 32 32" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--mat-sys-primary)" />
      <path
        d="M13 8.5v11.2a4 4 0 1 0 2.5 3.7V13.2c2.6.6 4.6 2 5.6 4.3.9-3.9-1.6-7.6-5.6-9V8.5z"
        fill="var(--mat-sys-on-primary)"
      />
    </svg>
  `,
})
export class CadenzaLogo {
  readonly size = input(32);
}
