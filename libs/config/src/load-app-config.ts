import { AppConfig, appConfigFromEnvSchema } from './app-config.schema';
import { InvalidConfigError } from './invalid-config.error';

/**
 * Parses the environment into a typed, frozen configuration. Values are never echoed back in the
 * error: some of them are secrets.
 */
export function loadAppConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const result = appConfigFromEnvSchema.safeParse(env);
  if (!result.success) {
    throw new InvalidConfigError(
      result.error.issues.map(({ path, message }) => ({
        variable: path.length > 0 ? String(path[0]) : '(environment)',
        reason: path.length > 1 ? `entry ${path.slice(1).map(String).join('.')}: ${message}` : message,
      })),
    );
  }
  return Object.freeze(result.data);
}
