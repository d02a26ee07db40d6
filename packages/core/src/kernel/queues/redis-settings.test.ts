import net from 'node:net';
import { fixtureModule } from '@ketenhuis/testing';
import { startRedisServer, type RedisTestServer } from '../../index';
import { startTestPlatform, type TestPlatform } from '../../testing';

/** One inline command on a fresh socket; the first reply line. */
function redisCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' }, () => socket.write(`${command}\r\n`));
    let reply = '';
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.split('\r\n')[0]);
      }
    });
    socket.once('error', reject);
  });
}

// BullMQ keeps jobs, locks and schedulers in Redis keys; a Redis allowed to evict keys under
// memory pressure loses them silently, so the worker must not run on one.
describe('worker start-up against a Redis that may evict keys', () => {
  let redis: RedisTestServer;
  let t: TestPlatform;

  beforeAll(async () => {
    redis = await startRedisServer({ maxmemoryPolicy: 'allkeys-lru' });
    t = await startTestPlatform({ modules: [fixtureModule], redisUrl: redis.url });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('is refused with a message naming the policy found and the one required', async () => {
    await expect(t.platform.startWorker()).rejects.toThrow(/maxmemory-policy is "allkeys-lru", but BullMQ needs "noeviction"/);
    // Nothing was started: no worker is consuming the module's queue.
    expect(await t.platform.queues.queue('fixture.echo').getWorkers()).toEqual([]);
  });

  it('starts once the policy is noeviction', async () => {
    expect(await redisCommand(redis.port, 'CONFIG SET maxmemory-policy noeviction')).toBe('+OK');
    await t.platform.startWorker();
    expect(await t.platform.queues.queue('fixture.echo').getWorkers()).toHaveLength(1);
  });
});
