import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { testConfig, uniqueName } from '@trading/testing';
import { createHash } from 'node:crypto';
import { createS3Client, s3SettingsOf } from './s3-client.factory';

describe('S3 objects (real S3-compatible server)', () => {
  const config = testConfig();
  const key = `it/${uniqueName('object')}.bin`;
  let s3: S3Client;

  beforeAll(() => {
    s3 = createS3Client(s3SettingsOf(config));
  });

  afterAll(async () => {
    await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
    s3.destroy();
  });

  it('has the audit bucket the infrastructure created', async () => {
    await expect(s3.send(new HeadBucketCommand({ Bucket: config.S3_BUCKET }))).resolves.toBeDefined();
  });

  it('stores and returns an object byte for byte, with its metadata', async () => {
    const body = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const sha256 = createHash('sha256').update(body).digest('hex');

    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: key, Body: body, Metadata: { sha256 } }));
    const object = await s3.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
    const returned = Buffer.from(await object.Body!.transformToByteArray());

    expect(returned.equals(body)).toBe(true);
    expect(object.Metadata).toEqual({ sha256 });
  });

  it('refuses a request signed with the wrong secret', async () => {
    const intruder = createS3Client({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: 'not-the-secret',
      forcePathStyle: true,
    });

    const attempt = intruder.send(new GetObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));

    await expect(attempt).rejects.toBeInstanceOf(S3ServiceException);
    await expect(attempt).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    intruder.destroy();
  });
});
