import { manifestKey } from '../model/object-keys';
import { checkPartitionChain, ManifestObject } from './partition-chain';
import { ManifestFile, nextManifest, serializeManifest, sha256Hex, StoredManifest } from './partition-manifest';

const file = (from: number, first: number, last: number, day = '2024-01-01'): ManifestFile => ({
  key: `archive/topic=t/dt=${day}/partition=0/${first}-${last}.parquet`,
  sha256: 'ab'.repeat(32),
  bytes: 100,
  records: last - first + 1,
  fromOffset: String(from),
  firstOffset: String(first),
  lastOffset: String(last),
  minTimestamp: `${day}T00:00:00.000Z`,
  maxTimestamp: `${day}T01:00:00.000Z`,
});

/** Appends files one by one as the writer does and returns the stored manifest objects. */
function chainOf(files: readonly { file: ManifestFile; day: string }[]): ManifestObject[] {
  const objects: ManifestObject[] = [];
  const days = new Map<string, readonly ManifestFile[]>();
  let head: StoredManifest | null = null;
  for (const { file: added, day } of files) {
    const manifest = nextManifest(head, days.get(day) ?? [], { topic: 't', partition: 0, day, file: added });
    const bytes = serializeManifest(manifest);
    const key = manifestKey('archive', 't', 0, manifest.version, day);
    objects.push({ key, bytes });
    head = { key, sha256: sha256Hex(bytes), manifest };
    days.set(day, manifest.files);
  }
  return objects;
}

const codes = (objects: readonly ManifestObject[], expected = 0) =>
  checkPartitionChain('t', 0, objects, expected).breaks.map((b) => [b.code, b.object]);

describe('manifest hash chain', () => {
  const healthy = chainOf([
    { file: file(0, 0, 9), day: '2024-01-01' },
    { file: file(10, 11, 20), day: '2024-01-01' },
    { file: file(21, 21, 30, '2024-01-02'), day: '2024-01-02' },
  ]);

  it('given an intact chain, finds no break and every file in offset order', () => {
    const chain = checkPartitionChain('t', 0, healthy);

    expect(chain.breaks).toEqual([]);
    expect(chain.versions).toBe(3);
    expect(chain.files.map((f) => f.lastOffset)).toEqual(['9', '20', '30']);
  });

  it('links each version to the exact hash of the one before, across days', () => {
    const second = JSON.parse(Buffer.from(healthy[2]!.bytes).toString()) as { prevManifestSha256: string; prevManifestKey: string };

    expect(second.prevManifestSha256).toBe(sha256Hex(healthy[1]!.bytes));
    expect(second.prevManifestKey).toBe(healthy[1]!.key);
  });

  it('given an altered manifest, names it as the break in the chain', () => {
    const altered = healthy.map((o, i) => (i === 0 ? { ...o, bytes: Buffer.from(Buffer.from(o.bytes).toString().replace('"9"', '"8"')) } : o));

    expect(codes(altered)).toContainEqual(['ARCHIVE.HASH_CHAIN_BROKEN', healthy[0]!.key]);
  });

  it('given a missing version, reports the hole', () => {
    expect(codes([healthy[0]!, healthy[2]!])).toContainEqual(['ARCHIVE.HASH_CHAIN_BROKEN', healthy[2]!.key]);
  });

  it('given versions cut off the end (head says more), reports the truncation', () => {
    expect(codes(healthy, 5)).toEqual([['ARCHIVE.HASH_CHAIN_BROKEN', healthy[2]!.key]]);
  });

  it('reports an offset gap and an overlap between files, naming the later file', () => {
    const gap = chainOf([{ file: file(0, 0, 9), day: '2024-01-01' }, { file: file(12, 12, 20), day: '2024-01-01' }]);
    const overlap = chainOf([{ file: file(0, 0, 9), day: '2024-01-01' }, { file: file(5, 5, 20), day: '2024-01-01' }]);

    expect(codes(gap)).toEqual([['ARCHIVE.OFFSET_GAP', file(12, 12, 20).key]]);
    expect(codes(overlap)).toEqual([['ARCHIVE.OFFSET_OVERLAP', file(5, 5, 20).key]]);
  });

  it('serialises a manifest to the same bytes every time', () => {
    const manifest = nextManifest(null, [], { topic: 't', partition: 0, day: '2024-01-01', file: file(0, 0, 1) });

    expect(serializeManifest(manifest).equals(serializeManifest({ ...manifest }))).toBe(true);
  });
});
