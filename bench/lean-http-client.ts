import { connect, type Socket } from 'node:net';

/**
 * One keep-alive HTTP/1.1 connection that POSTs JSON, one request at a time,
 * written as one buffer and read by Content-Length. The benchmark shares two
 * cores with the service it measures: node:http's client cost ~200 us of CPU
 * a request there, this about a quarter of that, so the cores go to the service.
 */
export class LeanHttpClient {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (status: number) => void; reject: (error: Error) => void };

  private constructor(
    private readonly socket: Socket,
    private readonly head: string,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the service closed the connection')));
  }

  static open(port: number, authorization: string): Promise<LeanHttpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.off('error', reject);
        resolve(new LeanHttpClient(socket, `Host: 127.0.0.1:${port}\r\nAuthorization: ${authorization}\r\nContent-Type: application/json\r\n`));
      });
      socket.once('error', reject);
    });
  }

  /** The service closes a keep-alive connection left idle (10 s): such a client must be opened again. */
  get closed(): boolean {
    return this.socket.destroyed;
  }

  /** Sends the request (with `headers` besides the connection's) and resolves with the answer's status once its whole body has arrived. */
  post(path: string, json: string, headers: Record<string, string> = {}): Promise<number> {
    if (this.waiting) return Promise.reject(new Error('one request at a time on a connection'));
    const body = Buffer.from(json);
    let extra = '';
    for (const name in headers) extra += `${name}: ${headers[name]}\r\n`;
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(Buffer.concat([Buffer.from(`POST ${path} HTTP/1.1\r\n${this.head}${extra}Content-Length: ${body.length}\r\n\r\n`), body]));
    });
  }

  close(): void {
    this.waiting = undefined;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const headEnd = this.buffered.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = this.buffered.subarray(0, headEnd).toString('latin1');
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
    const end = headEnd + 4 + Number(length[1]);
    if (this.buffered.length < end) return;
    this.buffered = this.buffered.subarray(end);
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.resolve(Number(head.slice(9, 12)));
  }

  private fail(error: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
