import { createServer } from 'node:net';

function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * `preferred` if nothing listens on it, else 0 (the OS picks a free port). A fixed port
 * gives the demo a stable URL; falling back keeps it working when that port is taken.
 */
export async function preferredPortOrEphemeral(preferred: number, host = '127.0.0.1'): Promise<number> {
  return preferred > 0 && (await isPortFree(preferred, host)) ? preferred : 0;
}
