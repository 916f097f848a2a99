import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadAppConfig } from '@trading/config';
import { CodedError, IdGenerator } from '@trading/domain';
import { ApiKeyService } from '@trading/gateway';
import { ID_GENERATOR } from '@trading/messaging';
import { ProjectionRebuilder } from '@trading/read-models';
import { COMMAND_SIDE, CommandSide } from './accounts/command-side.port';
import { AdminInvocation, adminUsage, parseAdminArgs } from './admin-cli';
import { AdminFailure, AdminServices, UsageError } from './commands/admin-command';

/** `admin <command> [options]`: exit 0 done, 1 failed, 2 bad arguments. */
async function main(argv: readonly string[]): Promise<number> {
  let invocation: AdminInvocation;
  try {
    invocation = parseAdminArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`admin: ${error.message}\n\n${adminUsage()}\n`);
    return 2;
  }
  if (invocation.kind === 'help') {
    process.stdout.write(`${adminUsage()}\n`);
    return 0;
  }

  try {
    loadAppConfig(process.env);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }

  // Loaded only now: the module validates the environment as it is defined.
  const { AdminModule } = await import('./admin.module');
  const app = await NestFactory.createApplicationContext(AdminModule, { logger: false, abortOnError: false });
  try {
    const result = await invocation.task(servicesOf(app));
    process.stdout.write(invocation.json ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AdminFailure || error instanceof CodedError)) throw error;
    process.stderr.write(`admin: ${error.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

function servicesOf(app: INestApplicationContext): AdminServices {
  return {
    apiKeys: app.get(ApiKeyService),
    commandSide: app.get<CommandSide>(COMMAND_SIDE),
    ids: app.get<IdGenerator>(ID_GENERATOR),
    rebuilder: app.get(ProjectionRebuilder),
  };
}

// Exit explicitly once the output is flushed: a start-up that failed half-way (say, the database
// refused) can leave client handles open that nothing will close.
const exit = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
main(process.argv.slice(2)).then(exit, (error: unknown) => {
  process.stderr.write(`admin: ${error instanceof Error ? error.message : String(error)}\n`);
  exit(1);
});
