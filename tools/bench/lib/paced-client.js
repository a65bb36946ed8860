// A paced HTTP load client for large responses: `connections` keep-alive connections, each sending its next
// request no sooner than connections/rate seconds after its previous one was sent (as autocannon's overallRate
// paces each of its connections), reading each response's bytes without decoding them.
//
// Why not autocannon here: autocannon 9 keeps every response body as a string (`body += chunk`, a UTF-8 decode
// of every chunk, in the one event loop that also times the other connections). For a ~170 KiB gzipped or
// ~900 KiB JSON calendar that decoding was a quarter of the client's CPU and sat inside the measured
// latencies of every response queued behind it; Node's own HTTP parser (llhttp) counts the bytes instead.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { latencyFigures, round } from './app.js';

/**
 * Runs for `durationS` and returns figures in the shape the benchmarks print for autocannon runs:
 * { rps, p50Ms, p90Ms, p99Ms, maxMs, meanMs, bytesPerS, requests, non2xx, errors, timeouts }.
 */
export async function pacedRun({ url, headers = {}, connections, rate, durationS, timeoutMs = 10_000 }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const period = (connections / rate) * 1000;
  const latencies = [];
  const totals = { requests: 0, non2xx: 0, errors: 0, timeouts: 0, bytes: 0 };
  const started = performance.now();
  const end = started + durationS * 1000;

  const once = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const request = http.request(
        { agent, host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: 'GET', headers },
        (response) => {
          let bytes = 0;
          response.on('data', (chunk) => {
            bytes += chunk.length;
          });
          response.on('end', () => {
            latencies.push(performance.now() - t0);
            totals.requests++;
            totals.bytes += bytes;
            if (response.statusCode < 200 || response.statusCode >= 300) totals.non2xx++;
            resolve();
          });
          response.on('error', () => {
            totals.errors++;
            resolve();
          });
        },
      );
      request.setTimeout(timeoutMs, () => {
        totals.timeouts++;
        request.destroy(new Error('timeout'));
      });
      request.on('error', () => {
        totals.errors++;
        resolve();
      });
      request.end();
    });

  const connection = async (n) => {
    // Spread the connections' first requests over one period, as a steady rate would.
    await sleep((period * n) / connections);
    while (performance.now() < end) {
      const sent = performance.now();
      await once();
      const wait = sent + period - performance.now();
      if (wait > 0) await sleep(wait);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, n) => connection(n)));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  return {
    rps: round(totals.requests / seconds, 1),
    ...latencyFigures(latencies),
    bytesPerS: round(totals.bytes / seconds, 0),
    requests: totals.requests,
    non2xx: totals.non2xx,
    errors: totals.errors,
    timeouts: totals.timeouts,
  };
}
