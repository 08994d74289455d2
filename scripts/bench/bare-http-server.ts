/**
 * The relay-ingest baseline: a bare node:http server that reads the body and answers 200, nothing else.
 * Started as a child process by relay-ingest.ts (port from BENCH_PORT).
 */
import { createServer } from 'node:http';

const port = Number(process.env.BENCH_PORT);
createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{}');
  });
}).listen(port, '127.0.0.1');
