import { PutObjectCommand, S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { createS3Client, s3SettingsOf, s3ClientConfig } from '@trading/persistence';
import { testConfig, uniqueName } from '@trading/testing';
import { tableFromIPC } from 'apache-arrow';
import { sha256Hex } from '../manifest/partition-manifest';
import { toArchivedRecord } from '../model/record-mapping';
import { ParquetDecodeWorker } from './parquet-decode.worker';
import { decodeParquet, encodeParquet, rowsOfTable } from './parquet.codec';

describe('a decode worker downloading the files itself (real S3)', () => {
  const config = testConfig();
  const key = `it/${uniqueName('decode-worker')}/file.parquet`;
  const records = Array.from({ length: 50 }, (_, n) =>
    toArchivedRecord({ topic: 'it.events', partition: 0, offset: String(n), timestampMs: 1_700_000_000_000 + n, key: null, headers: {}, value: Buffer.from(`{"n":${n}}`) }),
  );
  const file = encodeParquet(records);
  let s3: S3Client;
  let clientConfig: S3ClientConfig;
  let worker: ParquetDecodeWorker;

  beforeAll(async () => {
    const settings = s3SettingsOf(config);
    s3 = createS3Client(settings);
    clientConfig = s3ClientConfig(settings);
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: key, Body: file }));
    worker = new ParquetDecodeWorker();
  });

  afterAll(async () => {
    await worker.close();
    s3.destroy();
  });

  const fetch = (overrides: { key?: string; sha256?: string; bucket?: string } = {}) =>
    worker.fetchToIpcStream({ config: clientConfig, bucket: overrides.bucket ?? config.S3_BUCKET, key: overrides.key ?? key, sha256: overrides.sha256 ?? sha256Hex(file) }, 65_536);

  it('given the object and its hash, then the stream holds the records the file decodes to', async () => {
    const ipc = await fetch();

    if (!ipc) throw new Error('the worker handed the file back');
    expect([...rowsOfTable(tableFromIPC(ipc))]).toEqual(decodeParquet(file));
  });

  it.each([
    ['a hash that differs', { sha256: sha256Hex(Buffer.from('another file')) }],
    ['a missing object', { key: `${key}.missing` }],
    ['a missing bucket', { bucket: uniqueName('no-such-bucket') }],
  ])('given %s, then it hands the file back unread (the reader names the problem), and goes on', async (_, overrides) => {
    expect(await fetch(overrides)).toBeNull();
    expect(await fetch()).not.toBeNull();
  });
});
