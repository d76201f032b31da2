import type { ServerResponse } from 'node:http';

/** Server-sent events to every open page: what changed, so each page fetches only what it shows. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor() {
    // A comment now and then keeps proxies and the browser from closing an idle stream.
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), 15_000);
    this.heartbeat.unref();
  }

  /** Open pages at most: each holds a file handle, and the rebuilds need some too. */
  static readonly maxClients = 200;

  /** `hello` is what a page needs to catch up: the state's version and what the preview is doing. */
  open(response: ServerResponse, hello: unknown): void {
    if (this.clients.size >= EventHub.maxClients) {
      // Told to come back later (EventSource retries on its own), never left holding a handle.
      response.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '5' });
      response.end(`At most ${EventHub.maxClients} pages can follow the preview at once.`);
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    // The current version first: a page that reconnects after missing an update sees it is behind.
    response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify(hello)}\n\n`);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  send(event: string, data: unknown): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
