/** The billing pages' look: tables that scroll inside their own box on a phone, status chips, amounts to the right. */
export const BILLING_STYLES = `
  :host {
    display: block;
    max-width: 1000px;
  }
  h2 {
    margin: 24px 0 8px;
    font: var(--mat-sys-title-large);
  }
  .intro,
  .note {
    margin: 0 0 16px;
    color: var(--mat-sys-on-surface-variant);
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    margin: 8px 0 16px;
  }
  caption {
    text-align: left;
    color: var(--mat-sys-on-surface-variant);
    padding-bottom: 4px;
  }
  th,
  td {
    text-align: left;
    padding: 8px;
    border-bottom: 1px solid var(--mat-sys-outline-variant);
    font: var(--mat-sys-body-medium);
    vertical-align: middle;
  }
  .amount {
    text-align: right;
    white-space: nowrap;
  }
  .status {
    font: var(--mat-sys-label-large);
    padding: 2px 10px;
    border-radius: 999px;
    background: var(--mat-sys-secondary-container);
    color: var(--mat-sys-on-secondary-container);
    white-space: nowrap;
  }
  .status.paid {
    background: var(--mat-sys-tertiary-container);
    color: var(--mat-sys-on-tertiary-container);
  }
  .status.overdue {
    background: var(--mat-sys-error-container);
    color: var(--mat-sys-on-error-container);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
  }
  .error {
    margin: 4px 0 0;
    color: var(--mat-sys-error);
    font: var(--mat-sys-body-small);
  }
  mat-form-field {
    width: min(100%, 280px);
  }
  a {
    color: var(--mat-sys-primary);
  }
  /* A phone shows each row of a stacked table as a card: its first cell as its title, each other under its column's name. */
  @media (max-width: 599px) {
    table.stacked thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.stacked tbody tr {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 4px 12px;
      padding: 12px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    table.stacked tbody td {
      display: block;
      border: none;
      padding: 0;
      text-align: left;
    }
    table.stacked tbody td:first-child,
    table.stacked tbody td.wide {
      grid-column: 1 / -1;
      font-weight: 600;
    }
    table.stacked tbody td[data-label]::before {
      content: attr(data-label);
      display: block;
      font: var(--mat-sys-label-small);
      font-weight: 400;
      color: var(--mat-sys-on-surface-variant);
    }
  }
`;
