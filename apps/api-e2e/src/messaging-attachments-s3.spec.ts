import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startApiProcess, startLocalS3, type ApiProcess, type LocalS3 } from '@cadenza/server/testing';
import { demo, signedIn } from './support/client.js';
import { directory } from './support/scheduling.js';

/**
 * With ATTACHMENTS_STORE=s3 the api keeps attachment bytes in an S3-compatible bucket (a local
 * s3rver here, MinIO in the production compose file), not on its own disk.
 */
let s3: LocalS3;
let api: ApiProcess;
let disk: string;
const BUCKET = 'cadenza-attachments';

beforeAll(async () => {
  s3 = await startLocalS3([BUCKET]);
  disk = await mkdtemp(join(tmpdir(), 'cadenza-e2e-unused-disk-'));
  api = await startApiProcess({
    ATTACHMENTS_DIR: disk,
    ATTACHMENTS_STORE: 's3',
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY_ID: s3.credentials.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    S3_KEY_PREFIX: 'e2e',
  });
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await s3?.stop();
  if (disk) await rm(disk, { recursive: true, force: true });
});

it('uploads to the bucket and serves the file back from it, writing nothing to the local disk', async () => {
  const teacher = await signedIn(api.url, demo('teacher1'));
  const parent = await signedIn(api.url, demo('parent2'));
  const idOf = await directory(await signedIn(api.url, demo('admin')));
  const thread = await teacher.post('/api/v1/threads', { kind: 'family', participantIds: [idOf(demo('student3')), idOf(demo('parent2'))], subject: 'Exam pieces' });
  expect(thread.status).toBe(201);

  const bytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'scales.pdf');
  const uploaded = await fetch(`${api.url}/api/v1/threads/${thread.body.id}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${teacher.token}` }, body: form });
  expect(uploaded.status).toBe(201);
  const attachment = (await uploaded.json()) as { id: string };
  expect((await teacher.post(`/api/v1/threads/${thread.body.id}/messages`, { body: 'The scales.', attachmentIds: [attachment.id] })).status).toBe(201);

  const client = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: s3.credentials });
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  client.destroy();
  const keys = (listed.Contents ?? []).map((o) => o.Key);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^e2e\/[0-9a-f-]{36}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
  expect(await readdir(disk, { recursive: true })).toEqual([]);

  const downloaded = await fetch(`${api.url}/api/v1/threads/${thread.body.id}/attachments/${attachment.id}`, { headers: { authorization: `Bearer ${parent.token}` } });
  expect(downloaded.status).toBe(200);
  expect(Buffer.from(await downloaded.arrayBuffer()).equals(bytes)).toBe(true);
}, 60_000);
