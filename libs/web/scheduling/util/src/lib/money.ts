/** An amount in minor units (pence, cents) in the school's currency and locale: `£25.00`, `25,00 €`. */
export function formatMinor(minor: number, school: { currency: string; locale?: string | null } | null | undefined): string {
  const currency = school?.currency || 'GBP';
  const format = new Intl.NumberFormat(school?.locale || undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The minor units of an amount typed in major units (`25.5` → 2550 in a two-decimal currency); null when blank or not a number. */
export function parseMajor(typed: string, school: { currency: string } | null | undefined): number | null {
  const text = typed.trim().replace(',', '.');
  if (!text) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency: school?.currency || 'GBP' }).resolvedOptions().maximumFractionDigits ?? 2;
  return Math.round(value * 10 ** digits);
}

/** An amount in minor units as typed in major units (2550 → `25.50`), for an input. */
export function majorText(minor: number | null, school: { currency: string } | null | undefined): string {
  if (minor === null) return '';
  const digits = new Intl.NumberFormat(undefined, { style: 'currency', currency: school?.currency || 'GBP' }).resolvedOptions().maximumFractionDigits ?? 2;
  return (minor / 10 ** digits).toFixed(digits);
}
