import { describe, expect, it } from 'vitest';
import { buildNginxConf, describeMissingNginx, getNginxPath, requireNginx } from '../../support/nginx.ts';

describe('where nginx is looked for', () => {
  it.each([
    [{}, '/usr/sbin/nginx'],
    [{ NGINX: '' }, '/usr/sbin/nginx'],
    [{ NGINX: '/opt/nginx/sbin/nginx' }, '/opt/nginx/sbin/nginx'],
  ])('%j → %s', (env, path) => {
    expect(getNginxPath(env)).toBe(path);
  });

  it.each([
    [{}, 'The proxy tests need nginx, and /usr/sbin/nginx is not there. Install it with `apt-get install -y nginx` (as root; `sudo apt-get install -y nginx` otherwise), or set NGINX to its path.'],
    [{ NGINX: '/nowhere/nginx' }, 'The proxy tests need nginx, and /nowhere/nginx is not there. NGINX is set to /nowhere/nginx, which does not exist: point it at an nginx binary.'],
  ])('missing with %j: says how to install it, or which variable points nowhere', (env, message) => {
    expect(describeMissingNginx(env)).toBe(message);
  });

  it('fails at once when the binary is not there', () => {
    expect(() => requireNginx({ NGINX: '/nowhere/nginx' })).toThrow(describeMissingNginx({ NGINX: '/nowhere/nginx' }));
  });
});

describe('buildNginxConf', () => {
  const conf = buildNginxConf({ dir: '/tmp/x', port: 8443, upstreams: ['127.0.0.1:4001', '127.0.0.1:4002'], certificate: { certPath: '/tmp/x/cert.pem', keyPath: '/tmp/x/key.pem' } });

  it('proxies TLS on the port to every upstream, passing the public host, the client and the scheme', () => {
    expect(conf).toContain('listen 127.0.0.1:8443 ssl;');
    expect(conf).toMatch(/upstream carepath \{\n {4}server 127\.0\.0\.1:4001 max_fails=0;\n {4}server 127\.0\.0\.1:4002 max_fails=0;\n {2}\}/);
    expect(conf).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(conf).toContain('proxy_set_header X-Forwarded-Proto https;');
    expect(conf).toContain('proxy_set_header Host $host:$server_port;');
  });

  it('keeps everything in its folder, in the foreground', () => {
    expect(conf).toMatch(/^daemon off;$/m);
    for (const line of conf.split('\n').filter((text) => /(_path|pid|_log|ssl_certificate\w*) \//.test(text))) expect(line).toMatch(/ \/tmp\/x\//);
  });

  it('logs no query string, body, Referer or cookie', () => {
    const formats = conf.split('\n').filter((line) => /^\s*(log_format|access_log)/.test(line));
    expect(formats).toHaveLength(2);
    expect(formats.join('\n')).not.toMatch(/\$(request\b|request_uri|args|arg_|query_string|request_body|http_referer|http_cookie|cookie_)/);
    expect(formats[0]).toContain('$uri');
  });
});
