/** A person's tags ("under 18", "left", "pays"), in the tables and on the pages. */
export const TAG_STYLES = `
  .tag {
    display: inline-block;
    margin-left: 4px;
    padding: 0 6px;
    border-radius: 6px;
    background: var(--mat-sys-secondary-container);
    color: var(--mat-sys-on-secondary-container);
    font: var(--mat-sys-label-small);
  }
`;

/**
 * What the People pages (a person's, a family's) share: the way back ("People › …"), the headings, the lines of
 * detail and tags, the framed lists and the place of the server's refusal. Each page adds its own.
 */
export const PEOPLE_PAGE_STYLES = `
  :host {
    display: block;
    max-width: 900px;
  }
  .crumb {
    margin: 0;
    font: var(--mat-sys-label-large);
  }
  .crumb a {
    color: var(--mat-sys-primary);
  }
  h1 {
    margin: 0 0 4px;
    font: var(--mat-sys-headline-small);
    overflow-wrap: anywhere;
  }
  h2 {
    margin: 24px 0 8px;
    font: var(--mat-sys-title-medium);
  }
  .detail {
    margin: 0;
    color: var(--mat-sys-on-surface-variant);
    font: var(--mat-sys-body-medium);
    overflow-wrap: anywhere;
  }
  ${TAG_STYLES}
  ul.framed {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  ul.framed > li {
    padding: 12px 16px;
    border: 1px solid var(--mat-sys-outline-variant);
    border-radius: 12px;
  }
  ul.framed > li a {
    color: var(--mat-sys-primary);
    font: var(--mat-sys-title-small);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  cz-problem-alert {
    display: block;
    margin: 8px 0;
  }
`;
