// Runs autocannon in its own process, so the load generator never competes with the server it
// measures for one event loop. The parent sends one job, is told when the warm-up is over, and
// gets one summary back.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const running = new Set();

/**
 * Warms `url` up, then measures it; resolves with a plain summary of the measured run. With
 * `exclusiveSlots`, `{slot}` in a request's path stands for one of those values (see withExclusiveSlots).
 * With `counter` (a function reading a running count, e.g. the platform's statements), the summary
 * also holds `counted`: how much it grew over the measured window, read when the window opens
 * (the generator waits for that) and when its summary arrives.
 */
export function measure({ url, requests, exclusiveSlots, connections, durationSeconds, warmupSeconds }, { counter } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child'], {
      // Not the parent's flags: an --inspect or --cpu-prof meant for the server must not apply here.
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    let result;
    let before;
    child.on('message', (m) => {
      if (m.warmedUp) {
        before = counter?.();
        child.send({ go: true });
      } else {
        result = m;
        if (counter && result.summary) result.summary.counted = counter() - before;
      }
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (result?.error) reject(new Error(`load generator failed: ${result.error}`));
      else if (result) resolve(result.summary);
      else reject(new Error(`load generator exited without a result (code ${code}, signal ${signal})`));
    });
    child.send({ url, requests, exclusiveSlots, connections, durationSeconds, warmupSeconds });
  });
}

/** Ends the load generators this process started, e.g. when the bench is interrupted. */
export function stopLoad() {
  for (const child of running) child.kill();
}

function summarise(r) {
  return {
    // The mean of one-second samples: total / seconds, where a run that overshoots its timer by
    // a tick lasts a second longer.
    requestsPerSecond: r.requests.mean,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
  };
}

/**
 * Each request takes a free value for `{slot}` in its path when it is built and gives it back when
 * answered, so no two requests in flight share a value: two transitions of one case at once would
 * rightly answer 409, and the load must not make them. Values are reused oldest first. A request
 * cut off by the end of a run or a timeout keeps its value, which is why there must be more
 * values than connections.
 */
function withExclusiveSlots(requests, slots) {
  const free = [...slots];
  return requests.map((r) => ({
    ...r,
    setupRequest(req, context) {
      if (!free.length) throw new Error(`all ${slots.length} slots are in use; give more slots than connections`);
      context.slot = free.shift();
      return { ...req, path: req.path.replace('{slot}', context.slot) };
    },
    onResponse(_status, _body, context) {
      if (context.slot !== undefined) free.push(context.slot);
      context.slot = undefined;
    },
  }));
}

async function child() {
  // An orphan would go on hammering a port that may already belong to someone else.
  process.once('disconnect', () => process.exit(1));
  const autocannon = createRequire(import.meta.url)('autocannon');
  const job = await new Promise((resolve) => process.once('message', resolve));
  try {
    // Built once: a slot still out at the end of the warm-up stays out of the measured run.
    const requests = job.exclusiveSlots ? withExclusiveSlots(job.requests, job.exclusiveSlots) : job.requests;
    const base = { url: job.url, requests, connections: job.connections };
    if (job.warmupSeconds > 0) await autocannon({ ...base, duration: job.warmupSeconds });
    // Waits while the parent reads its counters: the servers share its event loop, so a measured
    // request sent at once could be served before the parent has read them.
    const go = new Promise((resolve) => process.once('message', resolve));
    process.send({ warmedUp: true });
    await go;
    const r = await autocannon({ ...base, duration: job.durationSeconds });
    process.send({ summary: summarise(r) }, () => process.exit(0));
  } catch (err) {
    process.send({ error: String(err?.stack ?? err) }, () => process.exit(1));
  }
}

if (process.argv.includes('--child')) await child();
