import { loadArchiveConfig, verifyArchive } from '@trading/archive';
import { loadAppConfig } from '@trading/config';
import { createS3Client, s3SettingsOf } from '@trading/persistence';

/**
 * Verifies the whole archive and prints the report as JSON. Exit codes: 0 no break, 1 a break
 * (each one named in the report), 2 the check could not run.
 */
async function main(): Promise<number> {
  const config = loadAppConfig(process.env);
  const { ARCHIVE_PREFIX } = loadArchiveConfig(process.env);
  const s3 = createS3Client(s3SettingsOf(config));
  const prefix = process.argv[2] ?? ARCHIVE_PREFIX;
  const report = await verifyArchive(s3, config.S3_BUCKET, prefix);
  s3.destroy();
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`archive ${prefix}: ${report.partitions} partitions, ${report.files} files, ${report.records} records, ${report.breaks.length} breaks, ${report.orphans.length} orphans\n`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`archive verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
