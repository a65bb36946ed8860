/** The look of a report's section: a heading with its actions, a table that scrolls sideways on a phone, figures as links. */
export const REPORT_SECTION_STYLES = `
  :host {
    display: block;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px 16px;
    margin-bottom: 8px;
  }
  header > :first-child {
    margin: 0 auto 0 0;
  }
  h2 {
    font: var(--mat-sys-title-large);
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  table {
    border-collapse: collapse;
    font: var(--mat-sys-body-medium);
  }
  th,
  td {
    padding: 6px 10px;
    text-align: right;
    white-space: nowrap;
    border-bottom: 1px solid var(--mat-sys-outline-variant);
  }
  th:first-child,
  td:first-child {
    text-align: left;
    position: sticky;
    left: 0;
    background: var(--mat-sys-surface);
  }
  thead th {
    font-weight: 600;
  }
  a {
    color: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .note {
    margin: 8px 0 0;
    color: var(--mat-sys-on-surface-variant);
  }
`;
