/**
 * A child process for benchmarks: the EIMS simulator, plus a pusher that PUTs the reports of every
 * message it accepted to a receiver URL — so neither the simulator's work nor the pushing runs in
 * the process that measures the app's answer times.
 *
 * Prints one JSON line `{ "url": … }` when listening; then takes IPC messages:
 *   { cmd: 'count' }                          → { accepted }
 *   { cmd: 'push', url, concurrency, sources } → { ms, ok, refused, latencies }  (each PUT's answer time)
 */
import http from 'node:http';
import { startEimsSim } from '../../tests/sim/eims.ts';

const sim = await startEimsSim({ port: 0, balance: 1e12, price: 0 });

interface PushCommand {
  cmd: 'push';
  url: string;
  concurrency: number;
  /** Source addresses to spread the PUTs over (127.0.0.x): the receiver limits the rate per address. */
  sources: string[];
}

async function push(c: PushCommand) {
  const rows = [...sim.state.messages.values()].map((m) => [m.id, m.number, '20261206120000', 0, 'success']);
  const bodies: string[] = [];
  for (let i = 0; i < rows.length; i += 50) {
    const part = rows.slice(i, i + 50);
    bodies.push(JSON.stringify({ type: 'report', cnt: part.length, array: part }));
  }
  const u = new URL(c.url);
  const latencies: number[] = [];
  let ok = 0;
  let refused = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: c.concurrency }, async (_, k) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: c.sources[k % c.sources.length] });
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const started = performance.now();
        const status = await new Promise<number>((resolve) => {
          const req = http.request(
            { host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'PUT', agent, headers: { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) } },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', () => resolve(0));
          req.end(body);
        });
        latencies.push(performance.now() - started);
        if (status === 200) ok++;
        else refused++;
      }
      agent.destroy();
    }),
  );
  return { ms: performance.now() - t0, ok, refused, latencies };
}

process.on('message', (m: PushCommand | { cmd: 'count' }) => {
  void (async () => {
    if (m.cmd === 'count') process.send!({ accepted: sim.state.messages.size });
    else process.send!(await push(m));
  })();
});
process.on('disconnect', () => {
  void sim.close().finally(() => process.exit(0));
});
console.log(JSON.stringify({ url: sim.url }));
