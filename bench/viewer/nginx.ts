/**
 * Debian's nginx as the static-file baseline: a private nginx.conf in `dir` (every path under
 * it), one worker against chatshare's one Node process, loopback only, `sendfile on`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFileAsync, waitFor } from './http.js';

export const NGINX_PORT = 58080;

function nginxConfig(dir: string) {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  default_type text/html;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${NGINX_PORT};
    root ${dir}/www;
  }
}
`;
}

/** Starts nginx serving `dir`/www; the files must be there and world-readable (workers drop root). */
export async function startNginx(dir: string) {
  const config = path.join(dir, 'nginx.conf');
  await writeFile(config, nginxConfig(dir));
  const args = ['-c', config, '-e', path.join(dir, 'error.log')];
  await execFileAsync('nginx', args);
  const base = `http://127.0.0.1:${NGINX_PORT}`;
  await waitFor(`${base}/page.html`);
  return { base, stop: () => execFileAsync('nginx', [...args, '-s', 'quit']).then(() => undefined) };
}
