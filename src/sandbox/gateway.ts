// The sandbox's JSON gateway (Discord Gateway v10): HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeats,
// RESUME, and dispatching events (INTERACTION_CREATE, CHANNEL_CREATE/DELETE) to the connected bot.
// discord.js 14 asks for `compress=zlib-stream` only when the optional zlib-sync package is installed and
// otherwise falls back to IDENTIFY `compress: true` (each payload a separate zlib-deflated binary frame);
// both are supported, plain JSON text frames are the default.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { constants as zlibConstants, createDeflate, deflateSync, type Deflate } from 'node:zlib';
import { WebSocket } from 'ws';

export const OP = { Dispatch: 0, Heartbeat: 1, Identify: 2, PresenceUpdate: 3, Resume: 6, Reconnect: 7, RequestGuildMembers: 8, InvalidSession: 9, Hello: 10, HeartbeatAck: 11 } as const;
export const HEARTBEAT_INTERVAL_MS = 41_250;

export interface GatewayHooks {
  token: string;
  /** READY's `d` for a new session. */
  readyPayload(sessionId: string): any;
  /** Dispatches sent right after READY (GUILD_CREATE). */
  afterReady(): { t: string; d: any }[];
  onReady(session: GatewaySession): void;
  log(line: string): void;
  violation(rule: string, detail: string): void;
}

export class GatewaySession {
  sessionId: string | null = null;
  sequence = 0;
  identified = false;
  private deflate: Deflate | null = null;
  private identifyCompress = false;
  private sendChain: Promise<void> = Promise.resolve();
  private frozen = false;

  constructor(readonly socket: WebSocket, request: IncomingMessage, private readonly hooks: GatewayHooks, private readonly sessions: Map<string, GatewaySession>) {
    const query = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams;
    if (query.get('encoding') && query.get('encoding') !== 'json') {
      // Only JSON is implemented; ETF would need erlpack. Discord closes with 4002 Decode error.
      socket.close(4002, 'Only encoding=json is supported by the sandbox');
      return;
    }
    if (query.get('compress') === 'zlib-stream') this.deflate = createDeflate();
    socket.on('message', (data, isBinary) => this.onMessage(data.toString(), isBinary));
    this.send({ op: OP.Hello, d: { heartbeat_interval: HEARTBEAT_INTERVAL_MS, _trace: ['["nashra-sandbox",{}]'] } });
  }

  dispatch(t: string, d: any): void {
    this.sequence += 1;
    this.send({ op: OP.Dispatch, t, s: this.sequence, d });
  }

  /** Sandbox.setUnreachable: read nothing (not even a close frame) and send nothing until thawed. */
  setFrozen(frozen: boolean): void {
    this.frozen = frozen;
    const raw = (this.socket as unknown as { _socket?: import('node:net').Socket })._socket;
    if (frozen) raw?.pause();
    else raw?.resume();
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(code, reason);
  }

  private send(payload: any): void {
    if (this.frozen) return;
    const json = JSON.stringify(payload);
    this.sendChain = this.sendChain.then(async () => {
      if (this.socket.readyState !== WebSocket.OPEN) return;
      if (this.deflate) this.socket.send(await this.streamChunk(json));
      else if (this.identifyCompress) this.socket.send(deflateSync(json));
      else this.socket.send(json);
    }).catch((error) => this.hooks.log(`gateway send failed: ${(error as Error).message}`));
  }

  // zlib-stream: one deflate context per connection, each payload ends with a Z_SYNC_FLUSH (00 00 ff ff).
  private streamChunk(json: string): Promise<Buffer> {
    const deflate = this.deflate!;
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer) => chunks.push(chunk);
      deflate.on('data', onData);
      deflate.write(json);
      deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        deflate.off('data', onData);
        resolve(Buffer.concat(chunks));
      });
    });
  }

  private onMessage(text: string, isBinary: boolean): void {
    let payload: any;
    try {
      payload = JSON.parse(text);
    } catch {
      this.hooks.violation('gateway', `undecodable ${isBinary ? 'binary' : 'text'} frame`);
      this.close(4002, 'Decode error');
      return;
    }
    switch (payload?.op) {
      case OP.Heartbeat:
        this.send({ op: OP.HeartbeatAck });
        return;
      case OP.Identify:
        this.identify(payload.d);
        return;
      case OP.Resume:
        this.resume(payload.d);
        return;
      case OP.PresenceUpdate:
      case OP.RequestGuildMembers:
        return; // accepted and ignored: the sandbox has no presences, and all members are in GUILD_CREATE
      default:
        this.hooks.violation('gateway', `unknown opcode ${payload?.op}`);
        this.close(4001, 'Unknown opcode');
    }
  }

  private identify(d: any): void {
    if (this.identified) {
      this.hooks.violation('gateway', 'IDENTIFY sent twice on one connection');
      this.close(4005, 'Already authenticated');
      return;
    }
    if (d?.token !== this.hooks.token && d?.token !== `Bot ${this.hooks.token}`) {
      this.hooks.violation('auth', 'IDENTIFY with a wrong token');
      this.close(4004, 'Authentication failed');
      return;
    }
    if (typeof d?.intents !== 'number') {
      this.close(4013, 'Invalid intent(s)');
      return;
    }
    this.identifyCompress = d.compress === true && !this.deflate;
    this.identified = true;
    this.sessionId = randomBytes(16).toString('hex');
    this.sessions.set(this.sessionId, this);
    this.hooks.log(`gateway: IDENTIFY ok (intents ${d.intents}, compression ${this.deflate ? 'zlib-stream' : this.identifyCompress ? 'identify' : 'none'})`);
    this.dispatch('READY', this.hooks.readyPayload(this.sessionId));
    for (const event of this.hooks.afterReady()) this.dispatch(event.t, event.d);
    this.hooks.onReady(this);
  }

  private resume(d: any): void {
    const previous = d?.session_id ? this.sessions.get(d.session_id) : undefined;
    if (!previous || d?.token !== this.hooks.token) {
      // Discord: op 9 with d=false means "start a new session with IDENTIFY".
      this.send({ op: OP.InvalidSession, d: false });
      return;
    }
    // The sandbox keeps no backlog: events sent while the bot was away are lost, as if it had missed them.
    this.identified = true;
    this.sessionId = previous.sessionId;
    this.sequence = Math.max(previous.sequence, Number(d.seq) || 0);
    this.sessions.set(this.sessionId!, this);
    this.dispatch('RESUMED', {});
    this.hooks.onReady(this);
  }
}
