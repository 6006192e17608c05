import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyGenericSignature } from '../modules/notifier/signing.js';

/** Largest delivery body read; Cordon's alerts are a few hundred bytes. */
const MAX_BODY_BYTES = 65_536;

export interface WebhookReceiverOptions {
  port: number;
  /** The webhook's secret; a delivery whose X-Cordon-Signature does not match gets 401. */
  secret?: string;
  /** Output function of each delivery line; standard output by default. */
  print?: (line: string) => void;
  clock?: () => Date;
}

export interface WebhookReceiver {
  url: string;
  close(): Promise<void>;
}

interface DeliveredAlert {
  kind?: unknown;
  severity?: unknown;
  compoundName?: unknown;
  gateName?: unknown;
  text?: unknown;
}

function readBody(request: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function describe(alert: DeliveredAlert, at: Date): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '-');
  return `${at.toISOString()} ${text(alert.kind)} ${text(alert.severity)} ${text(alert.compoundName)} ${text(alert.gateName)}: ${text(alert.text)}`;
}

/**
 * Starts a receiver for a generic Cordon webhook on 127.0.0.1, so that a
 * developer can watch alerts arrive: it checks each delivery's signature when
 * a secret is given and prints the alert's kind, compound, gate and text.
 * WeChat Work and DingTalk bodies ({ msgtype, text }) are printed as well.
 */
export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiver> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? (() => new Date());

  const server = http.createServer((request, response) => {
    const reply = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return reply(405, { errcode: 405, errmsg: 'POST only' });

    readBody(request)
      .then((body) => {
        if (body === null) return reply(413, { errcode: 413, errmsg: 'body too large' });
        const now = clock();
        if (options.secret) {
          const headers = {
            timestamp: request.headers[TIMESTAMP_HEADER] as string | undefined,
            signature: request.headers[SIGNATURE_HEADER] as string | undefined,
          };
          if (!verifyGenericSignature(options.secret, headers, body, Math.floor(now.getTime() / 1000))) {
            print(`${now.toISOString()} rejected: missing or invalid signature`);
            return reply(401, { errcode: 401, errmsg: 'invalid signature' });
          }
        }
        let parsed: { alert?: DeliveredAlert; msgtype?: unknown; text?: { content?: unknown } };
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          print(`${now.toISOString()} rejected: the body is not JSON`);
          return reply(400, { errcode: 400, errmsg: 'invalid JSON' });
        }
        const alert: DeliveredAlert = parsed.alert ?? { kind: parsed.msgtype, text: parsed.text?.content };
        print(describe(alert, now));
        return reply(200, { errcode: 0, errmsg: 'ok' });
      })
      .catch(() => reply(400, { errcode: 400, errmsg: 'body not read' }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
