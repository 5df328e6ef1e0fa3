import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 right now, below the system's ephemeral range. A port the kernel picks
 * (listen on 0) is an ephemeral one, which any outgoing connection may take as its own local port
 * the moment nothing listens on it: a receiver a test takes down and brings back up, a server
 * restarted on its port, or a port picked now and listened on later, then fails with EADDRINUSE
 * (seen in CI: the delivery test's receivers came back while the server's retries and the test's
 * own posts churned through ephemeral ports). Below that range only another listener can take it.
 */
export async function getFreePort(): Promise<number> {
  const [ephemeralStart] = readEphemeralRange();
  const low = 10_000;
  const high = Math.max(low + 1000, ephemeralStart - 1);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port on 127.0.0.1 between ${low} and ${high} after 100 tries.`);
}

/** The kernel's ephemeral port range (Linux), or its usual default elsewhere. */
function readEphemeralRange(): [number, number] {
  try {
    const [start, end] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (start !== undefined && end !== undefined && Number.isInteger(start) && Number.isInteger(end)) return [start, end];
  } catch {
    // Not Linux: the IANA range most systems use.
  }
  return [49_152, 65_535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
