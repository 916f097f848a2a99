/** Object names of the archive. All are deterministic: a retry names the same object. */
export const DEFAULT_ARCHIVE_PREFIX = 'archive';

export function pad20(offset: bigint | string): string {
  return BigInt(offset).toString().padStart(20, '0');
}

/** The UTC day (YYYY-MM-DD) of a Kafka record time. */
export function utcDay(timestampMs: number): string {
  return new Date(timestampMs).toISOString().slice(0, 10);
}

export function dataObjectKey(prefix: string, topic: string, day: string, partition: number, first: string, last: string): string {
  return `${prefix}/topic=${topic}/dt=${day}/partition=${partition}/${pad20(first)}-${pad20(last)}.parquet`;
}

export function manifestsPrefix(prefix: string, topic?: string, partition?: number): string {
  if (topic === undefined) return `${prefix}/_manifests/`;
  if (partition === undefined) return `${prefix}/_manifests/topic=${topic}/`;
  return `${prefix}/_manifests/topic=${topic}/partition=${partition}/`;
}

/** Version first, so listing a partition's manifests returns them in chain order. */
export function manifestKey(prefix: string, topic: string, partition: number, version: number, day: string): string {
  return `${manifestsPrefix(prefix, topic, partition)}v${pad20(BigInt(version))}-dt=${day}.json`;
}

/** A hint to the newest manifest of a partition (mutable, never trusted by verify). */
export function headKey(prefix: string, topic: string, partition: number): string {
  return `${prefix}/_heads/topic=${topic}/partition=${partition}.json`;
}

const MANIFEST_KEY = /\/_manifests\/topic=([^/]+)\/partition=(\d+)\/v(\d{20})-dt=(\d{4}-\d{2}-\d{2})\.json$/;

export interface ManifestKeyParts {
  readonly topic: string;
  readonly partition: number;
  readonly version: number;
  readonly day: string;
}

export function parseManifestKey(key: string): ManifestKeyParts | null {
  const match = MANIFEST_KEY.exec(key);
  if (!match) return null;
  const [, topic, partition, version, day] = match as unknown as [string, string, string, string, string];
  return { topic, partition: Number(partition), version: Number(version), day };
}

export function isDataObjectKey(key: string): boolean {
  return /\/topic=[^/]+\/dt=\d{4}-\d{2}-\d{2}\/partition=\d+\/\d{20}-\d{20}\.parquet$/.test(key);
}
