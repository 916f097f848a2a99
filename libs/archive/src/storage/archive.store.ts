import {
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { ArchiveError } from '../archive.errors';

export interface ObjectLock {
  readonly mode: 'COMPLIANCE' | 'GOVERNANCE';
  readonly retainUntil: Date;
}

const errorName = (error: unknown): string | undefined =>
  error instanceof S3ServiceException ? error.name : (error as { name?: string } | null)?.name;

/** The few S3 operations the archive needs, with its errors mapped to coded ones naming the object. */
export class ArchiveStore {
  constructor(
    readonly s3: S3Client,
    readonly bucket: string,
  ) {}

  async put(key: string, body: Uint8Array, lock?: ObjectLock): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ...(lock && {
            ObjectLockMode: lock.mode,
            ObjectLockRetainUntilDate: lock.retainUntil,
            // Object Lock requires an integrity header on the put.
            ContentMD5: createHash('md5').update(body).digest('base64'),
          }),
        }),
      );
    } catch (error) {
      throw this.mapped(error, key, 'ARCHIVE.STORE_FAILED');
    }
  }

  /** The object's bytes, or null when there is no such object. */
  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const bytes = await object.Body!.transformToByteArray();
      // a view, not a copy: the array is the SDK's own and used by no one else
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') return null;
      throw this.mapped(error, key, 'ARCHIVE.STORE_FAILED');
    }
  }

  /** Every key under `prefix`, in key order, after `startAfter` if given. */
  async list(prefix: string, startAfter?: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      try {
        const page = await this.s3.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter }),
        );
        for (const entry of page.Contents ?? []) if (entry.Key) keys.push(entry.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } catch (error) {
        throw this.mapped(error, prefix, 'ARCHIVE.STORE_FAILED');
      }
    } while (token);
    return keys.sort();
  }

  /** Whether the bucket has Object Lock enabled; stores without the API (S3Proxy on a filesystem) answer no. */
  async objectLockEnabled(): Promise<boolean> {
    try {
      const answer = await this.s3.send(new GetObjectLockConfigurationCommand({ Bucket: this.bucket }));
      return answer.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled';
    } catch (error) {
      if (errorName(error) === 'NoSuchBucket') throw this.mapped(error, '', 'ARCHIVE.STORE_FAILED');
      return false;
    }
  }

  private mapped(error: unknown, key: string, fallback: 'ARCHIVE.STORE_FAILED'): ArchiveError {
    if (errorName(error) === 'NoSuchBucket') {
      return new ArchiveError('ARCHIVE.BUCKET_NOT_FOUND', `bucket ${this.bucket} does not exist`, { object: `${this.bucket}/${key}` }, { cause: error });
    }
    return new ArchiveError(fallback, `S3 request on ${this.bucket}/${key} failed: ${String(error)}`, { object: key }, { cause: error });
  }
}
