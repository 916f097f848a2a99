import { z } from 'zod';
import { DEFAULT_ARCHIVE_PREFIX } from '../model/object-keys';

const positiveInt = z.coerce.number().int().min(1);

/** The archiver's own settings (ARCHIVE_*), read beside the shared APP_CONFIG. */
export const archiveConfigSchema = z.object({
  ARCHIVE_FLUSH_RECORDS: positiveInt.max(1_000_000).default(10_000),
  ARCHIVE_FLUSH_MS: positiveInt.max(3_600_000).default(5_000),
  ARCHIVE_PREFIX: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/).default(DEFAULT_ARCHIVE_PREFIX),
  ARCHIVE_COMPRESSION: z.enum(['zstd', 'snappy']).default('zstd'),
  /** Retention set with Object Lock where the bucket supports it; 0 sends no retention. */
  ARCHIVE_OBJECT_LOCK_DAYS: z.coerce.number().int().min(0).max(36_500).default(2555),
  ARCHIVE_OBJECT_LOCK_MODE: z.enum(['GOVERNANCE', 'COMPLIANCE']).default('GOVERNANCE'),
});

export type ArchiveConfig = Readonly<z.output<typeof archiveConfigSchema>>;

export function loadArchiveConfig(env: Readonly<Record<string, string | undefined>>): ArchiveConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = archiveConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map(({ path, message }) => `${String(path[0])}: ${message}`).join('; ');
    throw new Error(`invalid archive configuration: ${problems}`);
  }
  return Object.freeze(result.data);
}
