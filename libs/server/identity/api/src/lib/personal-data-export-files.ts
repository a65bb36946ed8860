import { strToU8, zipSync } from 'fflate';
import type { PersonalDataExport } from '@cadenza/server/identity/domain';

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
/** The standard PDF fonts speak Windows-1252: anything beyond it is shown as "?" rather than as garbage. */
const printable = (text: string) => text.replace(/[^\n\t\u0020-\u007E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/gu, '?');

/**
 * A subject-access export as one ZIP: `summary.pdf` (readable), `export.json` (who, when, which contexts, what is
 * retained) and each context's JSON files in a folder of its name.
 */
export async function renderPersonalDataZip(bundle: PersonalDataExport): Promise<Buffer> {
  const files: Record<string, Uint8Array> = {
    'summary.pdf': new Uint8Array(await renderPersonalDataPdf(bundle)),
    'export.json': strToU8(
      JSON.stringify(
        {
          personId: bundle.personId,
          name: bundle.name,
          generatedAt: bundle.generatedAt,
          generatedBy: bundle.generatedBy,
          erasure: bundle.erasure,
          contexts: bundle.sections.map((s) => ({ context: s.context, title: s.title, files: s.files.map((f) => `${s.context}/${f.name}`), summary: s.summary, retained: s.retained })),
        },
        null,
        2,
      ),
    ),
  };
  for (const section of bundle.sections) {
    for (const file of section.files) files[`${section.context}/${file.name}`] = strToU8(JSON.stringify(file.content, null, 2));
  }
  return Buffer.from(zipSync(files, { level: 6, mtime: bundle.generatedAt }));
}

/** The export's readable summary: who it is about, when and by whom it was made, and each context's facts and retention. */
export async function renderPersonalDataPdf(bundle: PersonalDataExport): Promise<Buffer> {
  // Loaded on the first export only, as the transcripts do: pdfkit and its fonts are large.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false, info: { Title: `Personal data held about ${printable(bundle.name)}`, Author: 'Cadenza', CreationDate: bundle.generatedAt } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (text: string, options: { font?: string; size?: number; indent?: number } = {}) => {
    doc.font(options.font ?? 'Helvetica').fontSize(options.size ?? 10).fillColor('black').text(printable(text), { indent: options.indent ?? 0 });
  };
  line('Personal data held about a person', { font: 'Helvetica-Bold', size: 16 });
  line(`Person: ${bundle.name} (${bundle.personId})`);
  line(`Generated on ${when(bundle.generatedAt)} by user ${bundle.generatedBy}`);
  if (bundle.erasure) {
    line(bundle.erasure.finishedAt ? `Erased on ${when(bundle.erasure.finishedAt)}: shown as ${bundle.erasure.pseudonym}.` : `An erasure was begun and not finished: shown as ${bundle.erasure.pseudonym} once it is.`);
  }
  line('The JSON files in this archive hold every record; this page sums them up.');
  doc.moveDown();
  for (const section of bundle.sections) {
    line(section.title, { font: 'Helvetica-Bold', size: 12 });
    for (const fact of section.summary) line(`• ${fact}`, { indent: 12 });
    line(`Files: ${section.files.map((f) => `${section.context}/${f.name}`).join(', ')}`, { indent: 12 });
    for (const kept of section.retained) line(`Kept: ${kept}`, { indent: 12 });
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
