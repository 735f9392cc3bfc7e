import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, withRequestId } from './logger';

describe('logger redaction', () => {
  it('hides secrets at any of the first four levels, including the one-time response shapes', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    createLogger(sink).info(
      {
        password: 'hunter2-password',
        body: { cards: [{ pin: { pin: { value: '9911' } }, card_token: { token: { value: 'GC5550001112223334' } } }] },
        res: { headers: { 'set-cookie': 'authjs.session-token=abc' } },
        req: { headers: { authorization: 'Bearer eyJsecret' } },
        batch: { secrets: [{ token: 'GC777', pin: '1234' }] },
        cardId: 'gc-0001',
      },
      'request',
    );
    for (const secret of ['hunter2-password', '9911', 'GC5550001112223334', 'authjs.session-token=abc', 'eyJsecret', 'GC777']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('gc-0001');
  });

  it('puts the request id on every line written inside a request, however deep, and on none outside', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const log = createLogger(sink);
    await withRequestId('req-123', async () => {
      log.info('first');
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.warn({ deep: true }, 'after an await');
    });
    log.info('outside');
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; requestId?: string });
    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['first', 'req-123'],
      ['after an await', 'req-123'],
      ['outside', undefined],
    ]);
  });
});
