import { headKey, manifestsPrefix, parseManifestKey } from '../model/object-keys';
import { ArchiveStore } from '../storage/archive.store';
import { mapLimited } from '../storage/map-limited';
import { checkPartitionChain, PartitionChain } from './partition-chain';

/** Reads and checks the manifest chain of every archived partition (of `topics`, if given). */
export async function loadPartitionChains(store: ArchiveStore, prefix: string, topics?: readonly string[]): Promise<PartitionChain[]> {
  const keys = topics
    ? (await Promise.all(topics.map((topic) => store.list(manifestsPrefix(prefix, topic))))).flat()
    : await store.list(manifestsPrefix(prefix));
  const groups = new Map<string, { topic: string; partition: number; keys: string[] }>();
  for (const key of keys) {
    const parts = parseManifestKey(key);
    if (!parts) continue;
    const id = `${parts.topic}\u0000${parts.partition}`;
    const group = groups.get(id) ?? { topic: parts.topic, partition: parts.partition, keys: [] };
    group.keys.push(key);
    groups.set(id, group);
  }
  const sorted = [...groups.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return mapLimited(sorted, 4, async (group) => {
    const head = await store.get(headKey(prefix, group.topic, group.partition));
    const expected = head ? Number((JSON.parse(head.toString('utf8')) as { version?: number }).version ?? 0) : 0;
    // the archiver writes a manifest before the head that names it: a head newer than the listing
    // means versions were written since, and a listing made now holds them
    const keys = newestVersion(group.keys) < expected ? await store.list(manifestsPrefix(prefix, group.topic, group.partition)) : group.keys;
    const objects = await mapLimited(keys, 16, async (key) => ({ key, bytes: (await store.get(key)) ?? Buffer.alloc(0) }));
    return checkPartitionChain(group.topic, group.partition, objects, expected);
  });
}

function newestVersion(keys: readonly string[]): number {
  return keys.reduce((newest, key) => Math.max(newest, parseManifestKey(key)?.version ?? 0), 0);
}
