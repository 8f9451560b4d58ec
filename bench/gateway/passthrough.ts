// The floor any Node gateway pays: a bare undici passthrough proxy that forwards the body and pipes the answer back.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const upstream = process.argv[2]!;
const pool = new Pool(upstream, { connections: 128, keepAliveTimeout: 60_000 });

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    pool.request({ path: req.url ?? '/', method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
      .then(async (up) => {
        res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
        for await (const c of up.body) res.write(c);
        res.end();
      })
      .catch(() => { res.writeHead(502).end(); });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`listening ${typeof a === 'object' && a ? a.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
