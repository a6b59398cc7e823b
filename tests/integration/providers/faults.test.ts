import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEimsClient } from '../../../src/main/core/providers/eims/client.ts';
import { createGsmboxClient } from '../../../src/main/core/providers/gsmbox/client.ts';
import { createJsmsClient } from '../../../src/main/core/providers/jsms/client.ts';
import { startEimsSim, type EimsSim } from '../../sim/eims.ts';
import { startGsmboxSim, type GsmboxSim } from '../../sim/gsmbox.ts';
import { startJsmsSim, type JsmsSim } from '../../sim/jsms.ts';
import { expectNoSecrets, providerError, secrets, testDeps } from './helpers.ts';

let eims: EimsSim;
let jsms: JsmsSim;
let box: GsmboxSim;
const deps = () => testDeps({ timeoutMs: 400 });
const eimsClient = (url = eims.url) =>
  createEimsClient({ id: 'e', baseUrl: url, account: 'demo', encrypted: false }, secrets({ password: 'demo-password' }), deps());
const jsmsClient = () =>
  createJsmsClient({ id: 'j', baseUrl: jsms.url, appKey: 'demo-app-key' }, secrets({ masterSecret: 'demo-master-secret' }), deps());
const boxClient = () => createGsmboxClient({ id: 'b', baseUrl: box.url, username: 'admin' }, secrets({ password: 'demo-box-password' }), deps());
const send = () => eimsClient().sendSms({ numbers: ['8613800000001'], content: 'hello' });

beforeAll(async () => {
  [eims, jsms, box] = await Promise.all([startEimsSim(), startJsmsSim(), startGsmboxSim({ busyMs: 0 })]);
});
afterAll(async () => {
  await Promise.all([eims.close(), jsms.close(), box.close()]);
});
beforeEach(() => {
  for (const s of [eims, jsms, box]) s.faults.clear();
  eims.state.accepted.length = 0;
  jsms.state.accepted.length = 0;
  box.state.accepted.length = 0;
});

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('faults that surely did not reach the provider → not-sent', () => {
  it('connection refused → PROVIDER_UNREACHABLE', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await providerError(eimsClient(url).sendSms({ numbers: ['8613800000001'], content: 'x' }));
    expect(err.code).toBe('PROVIDER_UNREACHABLE');
    expect(err.outcome).toBe('not-sent');
    expect(err.kind).toBe('transient');
    expect(err.message).toContain('127.0.0.1');
  });

  it('JSMS 500 with its error body → JSMS_50019, transient', async () => {
    jsms.faults.force('error500');
    const err = await providerError(jsmsClient().sendTemplate({ mobile: '13800000001', tempId: 3 }));
    expect(err.code).toBe('JSMS_50019');
    expect(err.kind).toBe('transient');
    expect(jsms.state.accepted).toHaveLength(0);
  });
});

describe('faults with an unknown outcome → never resend blindly', () => {
  it('socket dropped before processing → PROVIDER_CONNECTION_LOST (unknown), nothing recorded', async () => {
    eims.faults.force('drop');
    const err = await providerError(send());
    expect(err.code).toBe('PROVIDER_CONNECTION_LOST');
    expect(err.outcome).toBe('unknown');
    expect(eims.state.accepted).toHaveLength(0);
  });

  it('socket dropped after the platform accepted → unknown, and the simulator shows it was sent', async () => {
    eims.faults.force('drop-after');
    const err = await providerError(send());
    expect(err.code).toBe('PROVIDER_CONNECTION_LOST');
    expect(err.outcome).toBe('unknown');
    expect(eims.state.accepted).toHaveLength(1);
  });

  it('truncated JSON → PROVIDER_BAD_REPLY (unknown)', async () => {
    eims.faults.force('truncate');
    const err = await providerError(send());
    expect(err.code).toBe('PROVIDER_BAD_REPLY');
    expect(err.outcome).toBe('unknown');
    expect(err.message).toContain('cut-off');
    expect(eims.state.accepted).toHaveLength(1);
  });

  it('no answer → PROVIDER_TIMEOUT (unknown) without leaking the password in the GET URL', async () => {
    eims.faults.force('hang-after');
    const err = await providerError(eimsClient().sendSms({ numbers: ['8613800000001'], content: 'x', method: 'GET' }));
    expect(err.code).toBe('PROVIDER_TIMEOUT');
    expect(err.outcome).toBe('unknown');
    expectNoSecrets(err, ['demo-password', 'password=']);
    expect(eims.state.accepted).toHaveLength(1);
  });

  it('a hang before processing also times out, with nothing recorded', async () => {
    box.faults.force('hang');
    const err = await providerError(boxClient().send({ number: '1380000', message: 'x', ports: [1] }));
    expect(err.code).toBe('PROVIDER_TIMEOUT');
    expect(box.state.accepted).toHaveLength(0);
  });

  it('an HTML error page → PROVIDER_BAD_REPLY naming the HTML page', async () => {
    box.faults.force('html', 'html'); // box reads get one bounded retry
    const err = await providerError(boxClient().getPorts());
    expect(box.faults.injected).toEqual(['html', 'html']);
    expect(err.code).toBe('PROVIDER_BAD_REPLY');
    expect(err.message).toContain('HTML page');
    expect(err.message).toContain('HTTP 502');
  });

  it('a truncated JSMS batch reply is unknown: the batch may have been accepted', async () => {
    jsms.faults.force('truncate');
    const err = await providerError(jsmsClient().sendTemplateBatch({ tempId: 3, recipients: [{ mobile: '13800000001' }] }));
    expect(err.outcome).toBe('unknown');
    expect(jsms.state.accepted).toHaveLength(1);
  });
});

describe('retries', () => {
  it('box READS get one bounded retry after a transient failure', async () => {
    box.faults.force('drop');
    expect(await boxClient().getPorts()).toHaveLength(4);
    expect(box.faults.injected).toEqual(['drop']);
  });

  it('box SENDS are never retried', async () => {
    box.faults.force('drop', 'drop');
    expect((await providerError(boxClient().send({ number: '1380000', message: 'x', ports: [1] }))).outcome).toBe('unknown');
    expect(box.faults.injected).toEqual(['drop']);
  });

  it('never more than two requests in flight to one box', async () => {
    box.faults.configure({ latencyMs: 100 });
    const c = boxClient();
    const started = Date.now();
    await Promise.all([c.getPorts(), c.getPorts(), c.getPorts(), c.getPorts()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});

describe('no automatic retries', () => {
  it('a failed GET (500) is not retried by the HTTP layer', async () => {
    eims.faults.force('error500', 'error500');
    const err = await providerError(eimsClient().balance());
    expect(err.code).toBe('PROVIDER_BAD_REPLY');
    expect(eims.faults.injected).toEqual(['error500']);
  });

  it('a failed send is not retried', async () => {
    eims.faults.force('drop-after', 'drop-after');
    await providerError(send());
    expect(eims.state.accepted).toHaveLength(1);
    expect(eims.faults.injected.filter((f) => f === 'drop-after')).toHaveLength(1);
  });
});

describe('latency and seeded random faults', () => {
  it('latency under the timeout is fine; over it is a timeout', async () => {
    eims.faults.configure({ latencyMs: 50 });
    expect((await eimsClient().balance()).balance).toBeGreaterThan(0);
    eims.faults.configure({ latencyMs: 800 });
    expect((await providerError(eimsClient().balance())).code).toBe('PROVIDER_TIMEOUT');
  });

  it('random faults are reproducible from the seed and always become clear errors', async () => {
    const run = async () => {
      eims.faults.clear();
      eims.faults.configure({ seed: 42, rates: { error500: 0.2, truncate: 0.2, drop: 0.1 } });
      const out: string[] = [];
      for (let i = 0; i < 12; i++) {
        try {
          await eimsClient().balance();
          out.push('ok');
        } catch (err) {
          out.push((err as { code: string }).code);
        }
      }
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a.some((x) => x !== 'ok')).toBe(true);
    expect(a.every((x) => ['ok', 'PROVIDER_BAD_REPLY', 'PROVIDER_CONNECTION_LOST'].includes(x))).toBe(true);
  });
});
