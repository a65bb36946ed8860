// One keep-alive HTTP/1.1 connection on a raw socket, one request at a time, reading into a preallocated buffer:
// a load client that costs the machine little, so that what a benchmark measures is the server. Responses must carry
// Content-Length (the app's do). For small bodies (they are copied out); `pacedRun` counts large ones without copying.
import net from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * A response's head, once this read (`chunk`) completes it: its status, its Content-Length (null without one) and
 * where its body starts in `chunk`; null while the head is still incomplete. `earlier` holds the head's bytes from
 * earlier reads (`earlierBytes` of them), usually none: a head mostly arrives whole and is parsed in place.
 */
export function responseHead(earlier, earlierBytes, chunk) {
  const head = earlierBytes === 0 ? chunk : Buffer.concat([...earlier, chunk]);
  const end = head.indexOf(HEADER_END);
  if (end < 0) return null;
  const text = head.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
  return { status: Number(text.slice(9, 12)), length: length ? Number(length[1]) : null, bodyStart: end + HEADER_END.length - earlierBytes };
}

/** Opens a connection to `url`'s host; resolves once connected. */
export function rawConnection(url) {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let pending = null; // { resolve, reject, head: Buffer[], headBytes, status, remaining, body: Buffer[] }
    const fail = (error) => {
      const p = pending;
      pending = null;
      p?.reject(error);
    };
    const socket = net.connect({
      host: target.hostname,
      port: Number(target.port),
      noDelay: true,
      onread: {
        buffer: Buffer.allocUnsafe(64 * 1024),
        callback: (n, buffer) => {
          const p = pending;
          if (!p) return;
          let chunk = buffer.subarray(0, n);
          if (p.remaining < 0) {
            const head = responseHead(p.head, p.headBytes, chunk);
            if (!head) {
              p.head.push(Buffer.from(chunk));
              p.headBytes += n;
              return;
            }
            if (head.length === null) {
              socket.destroy(new Error('a response without Content-Length'));
              return;
            }
            p.status = head.status;
            p.remaining = head.length;
            chunk = chunk.subarray(head.bodyStart);
          }
          p.body.push(Buffer.from(chunk));
          p.remaining -= chunk.length;
          if (p.remaining <= 0) {
            pending = null;
            p.resolve({ status: p.status, text: Buffer.concat(p.body).toString('utf8') });
          }
        },
      },
    });
    socket.once('connect', () =>
      resolve({
        /** Sends one request and resolves with its status and body text. */
        send(method, path, headers, body) {
          if (pending) return Promise.reject(new Error('one request at a time on a connection'));
          const payload = body === undefined ? null : Buffer.from(body);
          const lines = [`${method} ${path} HTTP/1.1`, `Host: ${target.host}`, 'Connection: keep-alive', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
          if (payload) lines.push(`Content-Length: ${payload.length}`);
          return new Promise((resolveReply, rejectReply) => {
            pending = { resolve: resolveReply, reject: rejectReply, head: [], headBytes: 0, status: 0, remaining: -1, body: [] };
            socket.write(payload ? Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), payload]) : `${lines.join('\r\n')}\r\n\r\n`);
          });
        },
        close: () => socket.destroy(),
      }),
    );
    socket.once('error', (error) => {
      fail(error);
      reject(error);
    });
    socket.once('close', () => fail(new Error('connection closed')));
  });
}
