import '../../scripts/require-supported-node.mjs';
import { parseArgs } from 'node:util';
import { startEimsSim } from './eims.ts';
import type { ReportShape } from './eims-data.ts';
import { startGsmboxSim } from './gsmbox.ts';
import { startJsmsSim } from './jsms.ts';

/**
 * `npm run sim`: starts the three provider simulators on 127.0.0.1, prints their URLs and demo
 * credentials, and stays up until Ctrl-C. Ports are ephemeral unless given.
 *
 *   npm run sim -- --jsms-port 7001 --eims-port 20003 --box-port 7003 [--eims-encrypted]
 *                  [--report-shape seed|deliver|label|label-deliver|mixed] [--eims-push-url URL]
 *                  [--seed 1] [--fault-rate 0.1] [--latency 200]
 */

const { values } = parseArgs({
  options: {
    'jsms-port': { type: 'string' },
    'eims-port': { type: 'string' },
    'box-port': { type: 'string' },
    'eims-encrypted': { type: 'boolean', default: false },
    'report-shape': { type: 'string', default: 'deliver' },
    'eims-push-url': { type: 'string' },
    seed: { type: 'string', default: '1' },
    'fault-rate': { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run sim -- [--jsms-port N] [--eims-port N] [--box-port N] [--eims-encrypted] [--report-shape S] [--eims-push-url URL] [--seed N] [--fault-rate R] [--latency MS]');
  process.exit(0);
}

const port = (v: string | undefined) => (v === undefined ? 0 : Number(v));
const rate = Number(values['fault-rate']);
const faults = {
  seed: Number(values.seed),
  latencyMs: Number(values.latency),
  rates: rate > 0 ? { error500: rate / 3, truncate: rate / 3, drop: rate / 3 } : {},
};
const shapes: ReportShape[] = ['seed', 'deliver', 'label', 'label-deliver', 'mixed'];
const shape = values['report-shape'] as ReportShape;
if (!shapes.includes(shape)) {
  console.error(`--report-shape must be one of ${shapes.join(', ')}`);
  process.exit(2);
}

const jsms = await startJsmsSim({ port: port(values['jsms-port']), faults });
const eims = await startEimsSim({
  port: port(values['eims-port']),
  encrypted: values['eims-encrypted'],
  reportShape: shape,
  faults,
  ...(values['eims-push-url'] ? { pushUrl: values['eims-push-url'] } : {}),
});
const box = await startGsmboxSim({ port: port(values['box-port']), faults });

console.log(`SMS Console provider simulators (loopback only)

JSMS      ${jsms.url}
          AppKey ${jsms.state.appKey}   Master Secret ${jsms.state.masterSecret}
          Dev key ${jsms.state.devKey}   Dev secret ${jsms.state.devSecret}
          Templates: 1 (code), 2 (notice: {{name}} {{order}}), 3 (marketing), 4 (in review)

EIMS      ${eims.url}
          Account ${eims.state.account}   Password ${eims.state.password}   Key ${eims.state.key}
          Encrypted mode: ${eims.state.encrypted ? 'on' : 'off'}   Report rows: ${shape}

GSM box   ${box.url}
          User ${box.state.username}   Password ${box.state.password}
          Ports: ${box.state.ports.map((p) => p.port_name).join(', ')}

Faults: seed ${faults.seed}, rate ${rate}, latency ${faults.latencyMs} ms. Ctrl-C to stop.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.all([jsms.close(), eims.close(), box.close()]);
  console.log(
    `Stopped. Accepted: JSMS ${jsms.state.accepted.length}, EIMS ${eims.state.accepted.length}, box ${box.state.accepted.length}.`,
  );
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
