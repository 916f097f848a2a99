import { readFileSync } from 'node:fs';

/**
 * Connections the kernel dropped because a listening socket's accept queue was full
 * (`TcpExt: ListenOverflows` in /proc/net/netstat), machine-wide; undefined where unreadable.
 * A dropped SYN is retried by the client 1, 3 or 7 s later: a few of them make a step's p99.
 */
export function listenOverflows(): number | undefined {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    for (let index = 0; index + 1 < lines.length; index += 2) {
      const names = (lines[index] ?? '').trim().split(/\s+/);
      const values = (lines[index + 1] ?? '').trim().split(/\s+/);
      if (names[0] !== 'TcpExt:') continue;
      const at = names.indexOf('ListenOverflows');
      return at < 0 ? undefined : Number(values[at]);
    }
  } catch {
    // not Linux, or /proc not mounted
  }
  return undefined;
}
