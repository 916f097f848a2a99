import { ArchiveErrorCode } from '../archive.errors';
import { parseManifestKey } from '../model/object-keys';
import { ManifestFile, parseManifest, PartitionManifest, sha256Hex } from './partition-manifest';

/** One thing wrong with the archive, naming the object it concerns. */
export interface ArchiveBreak {
  readonly code: ArchiveErrorCode;
  readonly object: string;
  readonly message: string;
}

export interface ManifestObject {
  readonly key: string;
  readonly bytes: Uint8Array;
}

export interface PartitionChain {
  readonly topic: string;
  readonly partition: number;
  readonly versions: number;
  /** The files of the newest manifest of every day, in offset order. */
  readonly files: readonly ManifestFile[];
  readonly breaks: readonly ArchiveBreak[];
}

const sameFile = (a: ManifestFile, b: ManifestFile): boolean =>
  a.key === b.key && a.sha256 === b.sha256 && a.records === b.records && a.fromOffset === b.fromOffset && a.lastOffset === b.lastOffset;

/**
 * Checks one partition's manifests from their bytes alone: versions 1..N without a hole, each
 * naming the exact hash of the one before, days only ever appended to, and the files of all days
 * covering one contiguous offset range (no gap, no overlap). `expectedVersions` (from the head
 * hint) catches versions cut off the end.
 */
export function checkPartitionChain(
  topic: string,
  partition: number,
  objects: readonly ManifestObject[],
  expectedVersions = 0,
): PartitionChain {
  const breaks: ArchiveBreak[] = [];
  const parsed: { key: string; sha256: string; manifest: PartitionManifest }[] = [];
  for (const object of objects) {
    const parts = parseManifestKey(object.key);
    let manifest: PartitionManifest;
    try {
      manifest = parseManifest(object.bytes);
    } catch {
      breaks.push({ code: 'ARCHIVE.CORRUPT_MANIFEST', object: object.key, message: 'manifest does not parse' });
      continue;
    }
    if (!parts || parts.topic !== manifest.topic || parts.partition !== manifest.partition || parts.version !== manifest.version || parts.day !== manifest.day) {
      breaks.push({ code: 'ARCHIVE.CORRUPT_MANIFEST', object: object.key, message: 'manifest content does not match its name' });
      continue;
    }
    parsed.push({ key: object.key, sha256: sha256Hex(object.bytes), manifest });
  }
  parsed.sort((a, b) => a.manifest.version - b.manifest.version);

  const latestByDay = new Map<string, PartitionManifest>();
  parsed.forEach((entry, index) => {
    const { manifest } = entry;
    const prev = index > 0 ? parsed[index - 1] : undefined;
    if (manifest.version !== index + 1) {
      breaks.push({ code: 'ARCHIVE.HASH_CHAIN_BROKEN', object: entry.key, message: `manifest version ${index + 1} is missing before this one` });
    } else if (prev && (manifest.prevManifestSha256 !== prev.sha256 || manifest.prevManifestKey !== prev.key)) {
      breaks.push({ code: 'ARCHIVE.HASH_CHAIN_BROKEN', object: prev.key, message: `hash of this manifest differs from the one recorded by ${entry.key}` });
    } else if (!prev && (manifest.prevManifestSha256 !== null || manifest.prevManifestKey !== null)) {
      breaks.push({ code: 'ARCHIVE.HASH_CHAIN_BROKEN', object: entry.key, message: `first manifest found names a predecessor ${manifest.prevManifestKey ?? ''}` });
    }
    const earlier = latestByDay.get(manifest.day);
    if (earlier && !(manifest.files.length > earlier.files.length && earlier.files.every((f, i) => sameFile(f, manifest.files[i]!)))) {
      breaks.push({ code: 'ARCHIVE.MANIFEST_REWRITTEN', object: entry.key, message: `files of day ${manifest.day} are not an extension of version ${earlier.version}` });
    }
    latestByDay.set(manifest.day, manifest);
  });
  const last = parsed[parsed.length - 1];
  if (expectedVersions > parsed.length && last) {
    breaks.push({ code: 'ARCHIVE.HASH_CHAIN_BROKEN', object: last.key, message: `versions after ${last.manifest.version} (up to ${expectedVersions}) are missing` });
  }

  const files = [...latestByDay.values()].flatMap((m) => m.files).sort((a, b) => compareOffsets(a.fromOffset, b.fromOffset));
  files.forEach((file, index) => {
    if (!(BigInt(file.fromOffset) <= BigInt(file.firstOffset) && BigInt(file.firstOffset) <= BigInt(file.lastOffset))) {
      breaks.push({ code: 'ARCHIVE.CORRUPT_MANIFEST', object: file.key, message: 'offset range is inverted' });
    }
    const prev = index > 0 ? files[index - 1] : undefined;
    if (!prev) return;
    const expected = BigInt(prev.lastOffset) + 1n;
    const from = BigInt(file.fromOffset);
    if (from > expected) {
      breaks.push({ code: 'ARCHIVE.OFFSET_GAP', object: file.key, message: `offsets ${expected}..${from - 1n} are in no file (after ${prev.key})` });
    } else if (from < expected) {
      breaks.push({ code: 'ARCHIVE.OFFSET_OVERLAP', object: file.key, message: `offsets from ${from} are also in ${prev.key}` });
    }
  });
  return { topic, partition, versions: parsed.length, files, breaks };
}

export function compareOffsets(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
}
