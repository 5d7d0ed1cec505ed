import http from 'node:http';

export interface AddressedResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * Posts JSON from another loopback address (127.0.0.2, 127.0.0.3, …: every 127/8 address reaches a server
 * listening on 127.0.0.1), so a test can be one client address among others without trusting a proxy header.
 */
export function postFrom(localAddress: string, url: string, body: unknown, agent?: http.Agent): Promise<AddressedResponse> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST', localAddress, agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { data += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

/** Keep-alive connections from one loopback address, at most `sockets` at once. */
export function addressAgent(localAddress: string, sockets = 16): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, localAddress });
}
