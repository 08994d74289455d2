import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The network between desktop cores and the relay, as a TCP hop the test controls: it reads the socket.io
 * frames clients send (to see which mutations reached the relay, repeats included) and can lose the relay's
 * answers — a connection that dies after the relay applied a mutation but before its answer got back.
 * Everything else passes through untouched: the core and the relay are the real ones.
 */
export interface MutateFrame {
  id: string;
  type: string;
  payload: unknown;
}

export interface AgentLink {
  /** The URL a core uses instead of the relay's. */
  url: string;
  /** `mutate` frames clients sent through the link, in order (retries of an id included). */
  mutations(): MutateFrame[];
  /**
   * The next mutate frame `match` accepts still reaches the relay, but from then on nothing the relay sends
   * on that connection reaches the client — neither the answer nor live events — until cut(). Resolves with it.
   */
  loseAnswersFrom(match: (frame: MutateFrame) => boolean): Promise<MutateFrame>;
  /** Drops every open connection, as a failing network does; new connections go through again. */
  cut(): void;
  close(): Promise<void>;
}

interface WsFrame {
  opcode: number;
  fin: boolean;
  compressed: boolean;
  payload: Buffer;
}

/** One client→server WebSocket frame from the front of `buffer` (unmasked), or null while incomplete. */
function takeWsFrame(buffer: Buffer): { frame: WsFrame; rest: Buffer } | null {
  if (buffer.length < 2) return null;
  const first = buffer[0] as number;
  const second = buffer[1] as number;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = second & 0x80 ? 4 : 0;
  const end = offset + maskLength + length;
  if (buffer.length < end) return null;
  const payload = Buffer.from(buffer.subarray(offset + maskLength, end));
  if (maskLength > 0) {
    const mask = buffer.subarray(offset, offset + 4);
    for (let i = 0; i < payload.length; i += 1) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
  }
  return { frame: { opcode: first & 0x0f, fin: (first & 0x80) !== 0, compressed: (first & 0x40) !== 0, payload }, rest: buffer.subarray(end) };
}

/** A socket.io `mutate` event inside an engine.io message ("42/agent,7[\"mutate\",{…}]"), else null. */
function mutateFrameOf(text: string): MutateFrame | null {
  const match = /^42(?:\/[^,]*,)?\d*(\[.*)$/s.exec(text);
  if (!match) return null;
  const event = JSON.parse(match[1] as string) as unknown[];
  if (event[0] !== 'mutate') return null;
  const frame = event[1] as Partial<MutateFrame>;
  return { id: String(frame.id), type: String(frame.type), payload: frame.payload };
}

/** Reads what one client sends: its HTTP request, then — for a WebSocket upgrade — its frames. */
class ClientReader {
  private buffer: Buffer = Buffer.alloc(0);
  private mode: 'request' | 'websocket' | 'plain' = 'request';
  private message: Buffer[] = [];

  constructor(private readonly onText: (text: string) => void) {}

  read(chunk: Buffer): void {
    if (this.mode === 'plain') return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (this.mode === 'request') {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1');
      this.mode = /^upgrade:\s*websocket/im.test(head) ? 'websocket' : 'plain';
      this.buffer = this.buffer.subarray(end + 4);
      if (this.mode === 'plain') return;
    }
    for (let next = takeWsFrame(this.buffer); next; next = takeWsFrame(this.buffer)) {
      this.buffer = next.rest;
      const { frame } = next;
      if (frame.compressed) throw new Error('agent link: compressed WebSocket frames are not supported');
      if (frame.opcode !== 0x1 && frame.opcode !== 0x0) continue; // binary and control frames carry no mutations
      this.message.push(frame.payload);
      if (!frame.fin) continue;
      this.onText(Buffer.concat(this.message).toString('utf8'));
      this.message = [];
    }
  }
}

/** Listens on 127.0.0.1; each new connection goes to the relay port `target()` names at that moment. */
export async function startAgentLink(target: () => number): Promise<AgentLink> {
  const frames: MutateFrame[] = [];
  const open = new Set<{ client: Socket; relay: Socket }>();
  let armed: { match: (frame: MutateFrame) => boolean; resolve: (frame: MutateFrame) => void } | null = null;

  const server = createServer((client) => {
    const relay = createConnection({ host: '127.0.0.1', port: target() });
    const pair = { client, relay };
    open.add(pair);
    let answersLost = false;
    const reader = new ClientReader((text) => {
      const frame = mutateFrameOf(text);
      if (!frame) return;
      frames.push(frame);
      if (armed?.match(frame)) {
        answersLost = true;
        armed.resolve(frame);
        armed = null;
      }
    });
    // The frame is read before it is forwarded, so the relay cannot answer before the answers are lost.
    client.on('data', (chunk: Buffer) => {
      reader.read(chunk);
      relay.write(chunk);
    });
    relay.on('data', (chunk: Buffer) => {
      if (!answersLost) client.write(chunk);
    });
    const drop = () => {
      open.delete(pair);
      client.destroy();
      relay.destroy();
    };
    for (const socket of [client, relay]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const cut = () => {
    for (const { client, relay } of [...open]) {
      client.destroy();
      relay.destroy();
    }
    open.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    mutations: () => [...frames],
    loseAnswersFrom: (match) => new Promise((resolve) => (armed = { match, resolve })),
    cut,
    close: () =>
      new Promise((resolve) => {
        cut();
        server.close(() => resolve());
      }),
  };
}
