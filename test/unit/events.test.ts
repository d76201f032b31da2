import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/serve/events.js';

/** What the hub does with a response: its status and whether it was ended. */
function fakeResponse() {
  const seen = { status: 0, ended: false, closes: [] as (() => void)[] };
  const response = {
    writeHead: (status: number) => {
      seen.status = status;
      return response;
    },
    write: () => true,
    end: () => {
      seen.ended = true;
    },
    on: (event: string, listener: () => void) => {
      if (event === 'close') seen.closes.push(listener);
      return response;
    },
  };
  return { response: response as unknown as ServerResponse, seen };
}

describe('the preview event stream', () => {
  it('follows at most maxClients pages at once; the next is told to come back (503), and a closed page frees its place', () => {
    const hub = new EventHub();
    const pages = Array.from({ length: EventHub.maxClients }, () => fakeResponse());
    for (const page of pages) hub.open(page.response, {});
    expect(pages.every((p) => p.seen.status === 200 && !p.seen.ended)).toBe(true);
    const extra = fakeResponse();
    hub.open(extra.response, {});
    expect(extra.seen).toMatchObject({ status: 503, ended: true });
    for (const close of pages[0]?.seen.closes ?? []) close();
    const next = fakeResponse();
    hub.open(next.response, {});
    expect(next.seen).toMatchObject({ status: 200, ended: false });
    hub.close();
  });
});
