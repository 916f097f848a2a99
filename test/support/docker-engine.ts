import { existsSync } from 'node:fs';

/** True when a Docker engine answers (the client alone, as on machines without an engine, is not enough). */
export async function dockerEngineAnswers(socketPath = '/var/run/docker.sock'): Promise<boolean> {
  if (process.env.DOCKER_HOST === undefined && !existsSync(socketPath)) return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}
