/**
 * The text an uncompressed pdfkit document draws, one text object a line (pdfkit writes each run as hex strings in a
 * `TJ` array, in Windows-1252): enough for specs to check what a generated PDF says.
 */
export function pdfText(pdf: Uint8Array): string {
  return [...Buffer.from(pdf).toString('latin1').matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)]
    .map((m) => Buffer.from([...m[1].matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join(''), 'hex').toString('latin1'))
    .join('\n');
}
