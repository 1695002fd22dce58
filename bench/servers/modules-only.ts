// Start-up decomposition: loads the API's modules through tsx (as `trellis start` does) but opens no
// database and builds no app, then answers /readyz with bare node:http.
import { createServer } from 'node:http';
import '../../apps/api/src/app';
import '../../apps/api/src/db/client';

const server = createServer((req, res) => {
  res.writeHead(req.url === '/readyz' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ready"}');
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
