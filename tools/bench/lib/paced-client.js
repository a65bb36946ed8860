// An open-loop HTTP/1.1 load client for large responses: requests arrive at a constant rate for the whole run (one
// every 1/rate seconds, as wrk2's -R schedules them), each sent on one of `connections` keep-alive connections, and
// each response's body counted, never copied or decoded.
//
// Latency is counted from the moment a request was due, not from when it could be sent: if every connection is
// busy, or the client itself runs late, the wait is part of the latency (no coordinated omission).
//
// Why a client of its own, on raw sockets: the load client shares the machine's cores with the server and
// PostgreSQL, so whatever it costs shows up in the latencies it measures. At 300 calendars a second it reads about
// 50 MiB/s; Node's HTTP client allocates a Buffer for every chunk of that, and the collections those cause (on
// this client's event loop, which times every response) were a large part of the measured tail. Here every
// socket reads into one preallocated buffer (`onread`), and only the header bytes are looked at.
//
// Why not pace each connection separately (as autocannon's overallRate does, and this client did before): each
// connection then sends its next request one period after its previous one, and when the server is slow for a
// moment the connections fall into step and arrive together, a burst of `connections` requests every period.
//
// Why not autocannon: autocannon 9 keeps every response body as a string (`body += chunk`, a UTF-8 decode of every
// chunk), a quarter of the client's CPU for these responses.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { latencyFigures, round } from './app.js';
import { responseHead } from './raw-http.js';

/**
 * Runs for `durationS` and returns figures in the shape the benchmarks print for autocannon runs:
 * { rps, p50Ms, p90Ms, p99Ms, maxMs, meanMs, bytesPerS, requests, non2xx, errors, timeouts }.
 * Responses must carry Content-Length (the app's do); anything else counts as an error.
 */
export async function pacedRun({ url, headers = {}, connections, rate, durationS, timeoutMs = 10_000 }) {
  const target = new URL(url);
  const request = Buffer.from(
    [`GET ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, 'Connection: keep-alive', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n'),
  );
  const latencies = [];
  const totals = { requests: 0, non2xx: 0, errors: 0, timeouts: 0, bytes: 0 };
  const waiting = []; // due times of requests no connection could take yet
  const idle = [];
  let outstanding = 0;
  let drained = null;

  const finish = (conn, ok, status) => {
    const due = conn.due;
    conn.due = null;
    outstanding--;
    if (ok) {
      latencies.push(performance.now() - due);
      totals.requests++;
      totals.bytes += conn.bodyBytes;
      if (status < 200 || status >= 300) totals.non2xx++;
    } else {
      totals.errors++;
    }
    if (waiting.length > 0) send(conn, waiting.shift());
    else idle.push(conn);
    if (outstanding === 0 && drained) drained();
  };

  const open = () =>
    new Promise((resolve, reject) => {
      const conn = { socket: null, due: null, header: [], headerBytes: 0, status: 0, remaining: -1, bodyBytes: 0 };
      conn.socket = net.connect({
        host: target.hostname,
        port: Number(target.port),
        noDelay: true,
        onread: {
          buffer: Buffer.allocUnsafe(256 * 1024),
          callback: (n, buffer) => {
            if (conn.due === null) return;
            let offset = 0;
            if (conn.remaining < 0) {
              // Still in the head: the header bytes so far are kept (copied) until the blank line.
              const chunk = buffer.subarray(0, n);
              const head = responseHead(conn.header, conn.headerBytes, chunk);
              if (!head) {
                conn.header.push(Buffer.from(chunk));
                conn.headerBytes += n;
                return;
              }
              if (head.length === null) {
                conn.socket.destroy();
                return;
              }
              conn.status = head.status;
              conn.remaining = head.length;
              conn.bodyBytes = head.length;
              offset = head.bodyStart;
            }
            conn.remaining -= n - offset;
            if (conn.remaining <= 0) {
              conn.header = [];
              conn.headerBytes = 0;
              conn.remaining = -1;
              finish(conn, true, conn.status);
            }
          },
        },
      });
      conn.socket.once('connect', () => resolve(conn));
      conn.socket.once('error', (error) => {
        if (conn.due !== null) finish(conn, false, 0);
        reject(error);
      });
      conn.socket.once('close', () => {
        if (conn.due !== null) finish(conn, false, 0);
      });
    });

  const send = (conn, due) => {
    conn.due = due;
    conn.socket.write(request);
  };

  for (const conn of await Promise.all(Array.from({ length: connections }, open))) idle.push(conn);
  const started = performance.now();
  const end = started + durationS * 1000;
  // Request i is due at started + i × interval; it waits for a connection when all are busy.
  const interval = 1000 / rate;
  for (let i = 0; ; i++) {
    const due = started + i * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    outstanding++;
    const conn = idle.pop();
    if (conn) send(conn, due);
    else waiting.push(due);
  }
  if (outstanding > 0) {
    const done = new Promise((resolve) => (drained = resolve));
    const late = await Promise.race([done.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (late) totals.timeouts += outstanding;
  }
  const seconds = (performance.now() - started) / 1000;
  for (const conn of idle) conn.socket.destroy();
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
