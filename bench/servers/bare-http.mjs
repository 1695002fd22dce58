// The start-up and memory floor: a Node process that loads no package and answers /readyz.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  res.writeHead(req.url === '/readyz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ready"}');
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
