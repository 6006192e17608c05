// One timed load run through autocannon's programmatic API.
import autocannon from 'autocannon';

/** Returns the value at quantile q (0..1) of an ascending array, nearest-rank. */
function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Cycles through several bodies (sign-in over a pool of accounts) or several paths (searches over a pool of values). */
function nextRequest({ bodies, paths }) {
  let index = 0;
  return (req) => {
    const next = { ...req };
    if (bodies && bodies.length > 1) next.body = bodies[index % bodies.length];
    if (paths && paths.length > 1) next.path = paths[index % paths.length];
    index += 1;
    return next;
  };
}

/**
 * Loads one endpoint for `duration` seconds with `connections` keep-alive
 * connections, after an unrecorded warm-up of `warmup` seconds.
 *
 * Latency percentiles come from the per-response times that autocannon
 * emits (milliseconds, sub-millisecond precision) rather than from its
 * histogram, which has whole-millisecond buckets and reports 0 ms for
 * the bare endpoint. Like autocannon's own figures they cover 2xx responses only.
 */
export async function measure({ baseUrl, request, duration, connections, warmup }) {
  const latencies = [];
  const run = autocannon({
    url: baseUrl + request.path,
    method: request.method,
    headers: request.headers,
    body: request.body,
    ...((request.bodies?.length ?? 0) > 1 || (request.paths?.length ?? 0) > 1
      ? { requests: [{ setupRequest: nextRequest(request) }] }
      : {}),
    connections,
    duration,
    ...(warmup > 0 ? { warmup: { connections, duration: warmup } } : {}),
  });
  run.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode <= 299) latencies.push(responseTime);
  });
  const result = await run;

  const sorted = Float64Array.from(latencies).sort();
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  return {
    requestsPerSecond: result.requests.average,
    totalRequests: result.requests.total,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    durationSeconds: result.duration,
  };
}
