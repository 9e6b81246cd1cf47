/**
 * Live results over Server-Sent Events: each open stream gets the comparison's public tallies at
 * once (the catch-up after a pause), then again whenever votes change them, at most once per
 * `throttleMs`. Changes come from the store, so a vote on any server sharing the database reaches
 * every stream (PostgreSQL LISTEN/NOTIFY). One event is encoded per change and the same bytes go
 * to every stream of the comparison, so fan-out costs one enqueue per stream.
 */
import { DEFAULTS } from '../config.js';
import type { TallyCache, TallySnapshot } from '../storage/tally-cache.js';
import type { VoteStore } from '../storage/vote-store.js';

export interface LiveLimits {
  /** Open streams on this server at most; past this a new one is refused (503). */
  maxStreams: number;
  /** Open streams from one client address at most (a household or office shares one). */
  maxStreamsPerClient: number;
}

export const LIVE_DEFAULTS: LiveLimits = {
  maxStreams: DEFAULTS.liveStreams,
  maxStreamsPerClient: DEFAULTS.liveStreamsPerClient,
};

export interface LiveOptions extends Partial<LiveLimits> {
  throttleMs?: number;
  /** A comment line this often keeps proxies from closing a quiet stream. */
  heartbeatMs?: number;
}

interface Stream {
  controller: ReadableStreamDefaultController<Uint8Array>;
  comparisonId: string;
  client: string;
}

interface Channel {
  toolIds: readonly string[];
  streams: Set<Stream>;
  lastSentAt: number;
  lastEtag?: string;
  timer?: NodeJS.Timeout;
}

/** Bytes a slow reader may leave unread before its stream is closed (it reconnects and catches up). */
const MAX_BACKLOG = 64 * 1024;

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': \n\n');

export type OpenResult = { ok: true; stream: ReadableStream<Uint8Array> } | { ok: false; reason: 'server-full' | 'client-full' };

export class LiveTallies {
  readonly #cache: TallyCache;
  readonly #throttleMs: number;
  readonly #limits: LiveLimits;
  readonly #channels = new Map<string, Channel>();
  readonly #perClient = new Map<string, number>();
  readonly #heartbeat: NodeJS.Timeout;
  readonly #stopListening: () => void;
  #open = 0;

  constructor(store: VoteStore, cache: TallyCache, { throttleMs = 1000, heartbeatMs = 25_000, ...limits }: LiveOptions = {}) {
    this.#cache = cache;
    this.#throttleMs = throttleMs;
    this.#limits = { ...LIVE_DEFAULTS, ...limits };
    this.#stopListening = store.onChange((comparisonId) => {
      if (comparisonId === null) for (const id of this.#channels.keys()) this.#schedule(id);
      else this.#schedule(comparisonId);
    });
    this.#heartbeat = setInterval(() => {
      for (const channel of this.#channels.values()) for (const stream of channel.streams) this.#send(stream, HEARTBEAT);
    }, heartbeatMs).unref();
  }

  get openStreams(): number {
    return this.#open;
  }

  /** A stream of the comparison's tallies for `client`, or why there is none. */
  open(comparisonId: string, toolIds: readonly string[], client: string): OpenResult {
    if (this.#open >= this.#limits.maxStreams) return { ok: false, reason: 'server-full' };
    const fromClient = this.#perClient.get(client) ?? 0;
    if (fromClient >= this.#limits.maxStreamsPerClient) return { ok: false, reason: 'client-full' };

    let entry: Stream | undefined;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          entry = { controller, comparisonId, client };
          this.#open += 1;
          this.#perClient.set(client, fromClient + 1);
          let channel = this.#channels.get(comparisonId);
          if (!channel) {
            channel = { toolIds, streams: new Set(), lastSentAt: -Infinity };
            this.#channels.set(comparisonId, channel);
          }
          channel.streams.add(entry);
          // Reconnect after 3 s when the connection drops; the first event is the catch-up.
          controller.enqueue(encoder.encode('retry: 3000\n\n'));
          const joined = entry;
          this.#cache.get(comparisonId, toolIds).then(
            (snapshot) => this.#send(joined, eventOf(snapshot)),
            () => undefined, // the next change, or the reader's reconnect, fills it in
          );
        },
        cancel: () => {
          if (entry) this.#remove(comparisonId, entry);
        },
      },
      { highWaterMark: MAX_BACKLOG, size: (chunk) => chunk.byteLength },
    );
    return { ok: true, stream };
  }

  /** Ends every stream (readers reconnect to another server) and stops listening. */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#stopListening();
    for (const [id, channel] of this.#channels) {
      clearTimeout(channel.timer);
      for (const stream of channel.streams) {
        this.#remove(id, stream);
        try {
          stream.controller.close();
        } catch {
          // Already closed by the reader.
        }
      }
    }
  }

  #schedule(comparisonId: string): void {
    const channel = this.#channels.get(comparisonId);
    if (!channel || channel.timer) return;
    // A short wait gathers a burst of votes into one event, and lets the cache see the change.
    const delay = Math.max(150, channel.lastSentAt + this.#throttleMs - performance.now());
    channel.timer = setTimeout(() => void this.#broadcast(comparisonId, channel), delay);
  }

  async #broadcast(comparisonId: string, channel: Channel): Promise<void> {
    channel.timer = undefined;
    channel.lastSentAt = performance.now();
    let snapshot: TallySnapshot;
    try {
      snapshot = await this.#cache.get(comparisonId, channel.toolIds);
    } catch {
      return; // the next change tries again
    }
    if (snapshot.etag === channel.lastEtag) return;
    channel.lastEtag = snapshot.etag;
    const event = eventOf(snapshot);
    for (const stream of channel.streams) this.#send(stream, event);
  }

  #send(stream: Stream, bytes: Uint8Array): void {
    const { controller } = stream;
    try {
      // A reader that stopped reading would hold an ever-growing backlog: it is let go instead.
      if ((controller.desiredSize ?? 0) < 0) {
        this.#remove(stream.comparisonId, stream);
        controller.error(new Error('live stream reader too slow'));
        return;
      }
      controller.enqueue(bytes);
    } catch {
      // Closed meanwhile; `cancel` removes it.
    }
  }

  #remove(comparisonId: string, stream: Stream): void {
    const channel = this.#channels.get(comparisonId);
    if (!channel?.streams.delete(stream)) return;
    this.#open -= 1;
    const left = (this.#perClient.get(stream.client) ?? 1) - 1;
    if (left > 0) this.#perClient.set(stream.client, left);
    else this.#perClient.delete(stream.client);
    if (channel.streams.size === 0) {
      clearTimeout(channel.timer);
      this.#channels.delete(comparisonId);
    }
  }
}

function eventOf(snapshot: TallySnapshot): Uint8Array {
  return encoder.encode(`event: tallies\nid: ${snapshot.etag}\ndata: ${snapshot.body}\n\n`);
}
