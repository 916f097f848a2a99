import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import globalSetup from './global-setup';

/** System tests run the built services as real processes: start the services, then build. */
export default async function systemGlobalSetup(): Promise<void> {
  await globalSetup();
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
}
