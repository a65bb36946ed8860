/**
 * The look of a settings page (the school's messaging, reminder and attendance settings, the delivery log): the
 * page's heading and introduction, the section headings and explanations, the form's fieldsets, a field's refusal
 * under it, the save row with its status line, and the problem alert above.
 */
export const SETTINGS_FORM_STYLES = `
  h1 {
    margin: 0 0 8px;
    font: var(--mat-sys-headline-small);
  }
  .intro {
    margin: 0 0 16px;
    color: var(--mat-sys-on-surface-variant);
  }
  h2 {
    margin: 0 0 8px;
    font: var(--mat-sys-title-large);
  }
  section {
    margin-bottom: 32px;
  }
  .explain {
    margin: 0 0 16px;
    color: var(--mat-sys-on-surface-variant);
  }
  fieldset {
    margin: 0;
    padding: 16px;
    border: 1px solid var(--mat-sys-outline-variant);
    border-radius: 12px;
    min-width: 0;
  }
  .error {
    margin: 8px 0 0;
    color: var(--mat-sys-error);
    font: var(--mat-sys-body-small);
  }
  legend {
    padding: 0 4px;
    font: var(--mat-sys-title-medium);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 12px;
  }
  .status {
    margin: 0;
    min-height: 1.5em;
  }
  cz-problem-alert {
    display: block;
    margin-bottom: 16px;
  }
  :host {
    display: block;
  }
`;
