import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

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
});
