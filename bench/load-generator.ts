import { randomUUID } from 'node:crypto';
import net from 'node:net';

/**
 * A closed-loop HTTP/1.1 load generator on raw keep-alive sockets: each connection sends a request, waits
 * for the whole response, records the latency and sends the next. It does what autocannon did for this
 * bench at a fraction of the CPU: on a two-core machine the generator shares the cores with the server and
 * PostgreSQL, and autocannon's per-request hooks cost ~120 µs of CPU each, a third of a core at 3,000/s.
 */
export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  /**
   * The body to post. Every occurrence of `unique` (a 36-character marker) is replaced by a fresh UUID
   * in each request, so every request is distinct without building a new body each time.
   */
  body?: { text: string; unique?: string };
  /** Sees every complete response; the body is the raw text. */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadResult {
  durationS: number;
  /** Requests written, including those still in flight when the run ended. */
  sent: number;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  /** Requests per second that got a 2xx. */
  okPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
}

const HEADER_END = Buffer.from('\r\n\r\n');

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const method = options.method ?? (options.body ? 'POST' : 'GET');
  const fixedHeaders = Object.entries({ host: target.host, connection: 'keep-alive', ...options.headers })
    .map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const head = `${method} ${target.pathname}${target.search} HTTP/1.1\r\n${fixedHeaders}`;
  const template = Buffer.from(options.body
    ? `${head}content-length: ${Buffer.byteLength(options.body.text)}\r\n\r\n${options.body.text}` : `${head}\r\n`);
  const marks: number[] = [];
  const unique = options.body?.unique;
  if (unique) {
    if (unique.length !== 36) throw new Error('the unique marker must be 36 characters long, like a UUID');
    for (let at = template.indexOf(unique); at >= 0; at = template.indexOf(unique, at + 1)) marks.push(at);
  }
  let sent = 0;

  let latencies = new Float64Array(1 << 16);
  let count = 0;
  const record = (ms: number) => {
    if (count === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[count++] = ms;
  };
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  let running = true;
  const started = performance.now();

  return new Promise((resolve) => {
    let open = 0;
    const sockets = new Set<net.Socket>();
    const finished = () => {
      const durationS = (performance.now() - started) / 1000;
      const sorted = latencies.slice(0, count).sort();
      let sum = 0;
      for (const v of sorted) sum += v;
      resolve({
        durationS, sent, requests: ok + non2xx, ok, non2xx, errors, okPerSecond: ok / durationS,
        latencyMs: {
          p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99),
          max: sorted.length ? sorted[sorted.length - 1] : Number.NaN, mean: count ? sum / count : Number.NaN,
        },
      });
    };

    const connect = () => {
      open++;
      const socket = net.connect(Number(target.port), target.hostname);
      sockets.add(socket);
      socket.setNoDelay(true);
      let buffered: Buffer = Buffer.alloc(0);
      let sentAt = 0;
      let waiting = false;
      // One request buffer per connection, rewritten in place: the previous request has been sent whole
      // by the time its response arrives.
      const request = Buffer.from(template);
      const send = () => {
        if (!running) { socket.end(); return; }
        if (marks.length) {
          const id = randomUUID();
          for (const at of marks) request.write(id, at, 'latin1');
        }
        waiting = true;
        sent++;
        sentAt = performance.now();
        socket.write(request);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
        for (;;) {
          const end = buffered.indexOf(HEADER_END);
          if (end < 0) return;
          const headText = buffered.toString('latin1', 0, end);
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(headText);
          const bodyLength = length ? Number(length[1]) : 0;
          if (buffered.length < end + 4 + bodyLength) return;
          const status = Number(headText.slice(9, 12));
          const body = buffered.toString('utf8', end + 4, end + 4 + bodyLength);
          buffered = buffered.subarray(end + 4 + bodyLength);
          if (!waiting) continue;
          waiting = false;
          if (running) {
            record(performance.now() - sentAt);
            if (status >= 200 && status < 300) ok++;
            else non2xx++;
          }
          options.onResponse?.(status, body);
          send();
        }
      });
      socket.on('error', () => { errors++; });
      socket.on('close', () => {
        open--;
        sockets.delete(socket);
        // A connection the server closed is reopened while the run lasts; its request in flight counts as an error.
        if (waiting && running) errors++;
        if (running) connect();
        else if (open === 0) finished();
      });
    };

    for (let i = 0; i < options.connections; i++) connect();
    setTimeout(() => {
      running = false;
      // Requests in flight get ten seconds to finish; a server that hangs does not hang the bench.
      setTimeout(() => { for (const s of sockets) s.destroy(); }, 10_000).unref();
    }, options.durationS * 1000);
  });
}
