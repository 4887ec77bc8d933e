// A tiny static server for the demo: `node demo/serve.mjs [port]`, then open
// http://127.0.0.1:8080/demo/. It serves the package directory (the demo imports ../js and ../pkg).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Starts serving `root` on 127.0.0.1; resolves to the server once it listens. */
export function serve(root = packageRoot, port = 0) {
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, 'http://localhost');
    const relative = decodeURIComponent(pathname).replace(/\/$/, '/index.html');
    const file = path.join(root, path.normalize(relative));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(packageRoot, Number(process.argv[2] ?? 8080));
  console.log(`http://127.0.0.1:${server.address().port}/demo/`);
}
