import type { Transcript } from '@cadenza/shared/contracts';
import { downloadBlob } from '@cadenza/web/messaging/data-access';

export { downloadBlob };

/** The download's file name: `transcript-<thread>-<yyyy-mm-dd>.<extension>`. */
export function transcriptFileName(transcript: Pick<Transcript, 'threadId' | 'generatedAt'>, extension: 'json' | 'pdf' = 'json'): string {
  return `transcript-${transcript.threadId}-${transcript.generatedAt.slice(0, 10)}.${extension}`;
}

/** Offers a transcript as a JSON file download, as the server produced it. */
export function downloadTranscript(transcript: Transcript, doc: Document = document): void {
  downloadBlob(new Blob([JSON.stringify(transcript, null, 2)], { type: 'application/json' }), transcriptFileName(transcript), doc);
}
