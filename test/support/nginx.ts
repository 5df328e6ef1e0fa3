import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian's nginx as a TLS-terminating reverse proxy for the tests: its own config, certificate,
 * pid file and logs in a temporary folder, in the foreground under a child process the test owns
 * and stops. Nothing of the machine's nginx (/etc/nginx, /var/log/nginx, a service) is used.
 */

/** Where nginx is looked for: `NGINX`, else Debian's /usr/sbin/nginx. */
export function getNginxPath(env: Record<string, string | undefined> = process.env): string {
  return env['NGINX'] || '/usr/sbin/nginx';
}

/** The nginx binary, or an error that says how to install it (or where to point `NGINX`). */
export function requireNginx(env: Record<string, string | undefined> = process.env): string {
  const path = getNginxPath(env);
  if (existsSync(path)) return path;
  throw new Error(describeMissingNginx(env));
}

export function describeMissingNginx(env: Record<string, string | undefined>): string {
  const path = getNginxPath(env);
  const how = env['NGINX']
    ? `NGINX is set to ${path}, which does not exist: point it at an nginx binary.`
    : 'Install it with `apt-get install -y nginx` (as root; `sudo apt-get install -y nginx` otherwise), or set NGINX to its path.';
  return `The proxy tests need nginx, and ${path} is not there. ${how}`;
}

/** nginx cannot be told to pick a port and say which: its port, and its upstreams', come from here. */
export { getFreePort } from './ports.ts';

export interface Certificate {
  certPath: string;
  keyPath: string;
  /** The certificate in PEM: self-signed, so it is also the CA a client trusts. */
  pem: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost, valid for a day, made with openssl. */
export function makeSelfSignedCertificate(dir: string): Certificate {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return { certPath, keyPath, pem: readFileSync(certPath, 'utf8') };
}

/** The address nginx connects to the upstream servers from; what TRUSTED_PROXIES must name. */
export const PROXY_SOURCE_ADDRESS = '127.0.0.1';

/** The response header in which this test proxy names the upstream that answered (`127.0.0.1:port`). */
export const UPSTREAM_HEADER = 'x-test-upstream';

export interface NginxConfOptions {
  /** The temporary folder: pid, logs and nginx's body buffers go here. */
  dir: string;
  port: number;
  /** `host:port` of each Carepath server, in round robin. */
  upstreams: readonly string[];
  certificate: Pick<Certificate, 'certPath' | 'keyPath'>;
}

/**
 * The proxy's nginx.conf. The access log has its own format: method, path (`$uri`, which has no
 * query string), status, size and upstream; never `$request`, `$request_uri` or `$args` (a query
 * can carry what a person typed), nor the body, Referer or cookies. nginx's error log also quotes
 * the request line, query included, in each entry: here it stays in the temporary folder.
 * The proxy adds no security header of its own: HSTS and cookies are Carepath's, as tested.
 */
export function buildNginxConf(options: NginxConfOptions): string {
  const { dir, port, upstreams, certificate } = options;
  const path = (name: string) => join(dir, name);
  return `# Written by test/support/nginx.ts for one test run.
daemon off;
# One process: with a master, nginx would switch its workers to another user when run as root.
master_process off;
worker_processes 1;
pid ${path('nginx.pid')};
error_log ${path('error.log')} warn;

events {
  worker_connections 256;
}

http {
  client_body_temp_path ${path('client-body')};
  proxy_temp_path ${path('proxy')};
  fastcgi_temp_path ${path('fastcgi')};
  uwsgi_temp_path ${path('uwsgi')};
  scgi_temp_path ${path('scgi')};

  # No query string ($uri, not $request or $request_uri), no body, Referer or cookies: the PHI rule.
  log_format carepath_no_query '$remote_addr [$time_iso8601] "$request_method $uri $server_protocol" $status $body_bytes_sent upstream=$upstream_addr';
  access_log ${path('access.log')} carepath_no_query;

  # max_fails=0: a server that refuses a connection is not taken out for 10 s (the default after
  # one failure); the request goes to the next one, and a server started again is used at once.
  upstream carepath {
${upstreams.map((upstream) => `    server ${upstream} max_fails=0;`).join('\n')}
  }

  server {
    listen 127.0.0.1:${port} ssl;
    server_name 127.0.0.1 localhost;
    ssl_certificate ${certificate.certPath};
    ssl_certificate_key ${certificate.keyPath};
    ssl_protocols TLSv1.2 TLSv1.3;

    location / {
      proxy_pass http://carepath;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_bind ${PROXY_SOURCE_ADDRESS};
      # The public host with its port: $host alone drops a port other than 443.
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      # For the tests only: which upstream answered.
      add_header ${UPSTREAM_HEADER} $upstream_addr always;
    }
  }
}
`;
}

export interface RunningNginx {
  /** The public origin: `https://127.0.0.1:<port>`. */
  origin: string;
  port: number;
  /** The certificate's PEM, for a client to trust. */
  ca: string;
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in front of `upstreams` on `port` (see getFreePort: the servers behind it need the
 * public origin before nginx can be told their ports), and resolves once it accepts connections.
 */
export async function startNginx(options: { port: number; upstreams: readonly string[] }): Promise<RunningNginx> {
  const nginx = requireNginx();
  const dir = mkdtempSync(join(tmpdir(), 'carepath-nginx-'));
  for (const name of ['client-body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, name));
  const certificate = makeSelfSignedCertificate(dir);
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, buildNginxConf({ dir, port: options.port, upstreams: options.upstreams, certificate }));
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');

  // -e: the error log before the config is read, so that nothing is written to /var/log/nginx.
  const child = spawn(nginx, ['-p', dir, '-c', confPath, '-e', join(dir, 'error.log')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));

  const deadline = Date.now() + 10_000;
  while (!(await canConnect(options.port))) {
    if (!running || Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      const log = read('error.log');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start on 127.0.0.1:${options.port}:\n${output}${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    origin: `https://127.0.0.1:${options.port}`,
    port: options.port,
    ca: certificate.pem,
    accessLog: () => read('access.log'),
    errorLog: () => read('error.log'),
    stop: async () => {
      if (running) {
        // SIGQUIT: a graceful stop, as `nginx -s quit` sends.
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
