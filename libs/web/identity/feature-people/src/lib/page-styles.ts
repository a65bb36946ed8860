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

/** The profile panels of a person's page (teaching, a student's profile): the facts as a list of terms, the form in place. */
export const PROFILE_PANEL_STYLES = `
  :host {
    display: block;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0 0 8px;
  }
  dt {
    font: var(--mat-sys-label-large);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 12px;
  }
  form mat-form-field {
    flex: 1 1 220px;
    min-width: 0;
  }
  form mat-form-field.wide,
  form .actions,
  form p {
    flex-basis: 100%;
  }
  .detail {
    margin: 0;
    font: var(--mat-sys-body-medium);
    color: var(--mat-sys-on-surface-variant);
  }
`;
