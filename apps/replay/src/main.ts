import 'reflect-metadata';
import { loadArchiveConfig } from '@trading/archive';
import { AppConfig, InvalidConfigError, loadAppConfig } from '@trading/config';
import { parseReplayArgs, ReplayCommandLine, replayUsage, UsageError } from './replay-cli';
import { EXIT, runReplay } from './replay.runner';

/** `replay [options]`: exit 0 done, 1 differences or failure, 2 archive unreadable, 64 bad arguments. */
async function main(argv: readonly string[]): Promise<number> {
  let commandLine: ReplayCommandLine;
  try {
    commandLine = parseReplayArgs(argv, new Date());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`replay: ${error.message}\n\n${replayUsage()}\n`);
    return EXIT.usage;
  }
  if (commandLine.kind === 'help') {
    process.stdout.write(`${replayUsage()}\n`);
    return EXIT.ok;
  }
  let config: AppConfig;
  let archivePrefix: string;
  try {
    config = loadAppConfig(process.env);
    archivePrefix = loadArchiveConfig(process.env).ARCHIVE_PREFIX;
  } catch (error) {
    process.stderr.write(`replay: ${error instanceof InvalidConfigError || error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
  return runReplay(commandLine, config, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }, archivePrefix);
}

// Exit explicitly once the output is flushed: client handles (S3, PostgreSQL) must not keep it alive.
const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
main(process.argv.slice(2)).then(exit, (error: unknown) => {
  process.stderr.write(`replay: ${error instanceof Error ? error.message : String(error)}\n`);
  exit(EXIT.failed);
});
