import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import { actionFailure, errorAnswer } from './respond';

describe('a domain error with a message key', () => {
  const error = new AppError('CONFLICT', 'Already activated. Do not sell it again.', { reason: 'already_activated' }, userMessage('alreadyActivated', { when: 'none', store: 'none', expired: 'none' }));

  it('answers the API in English, with no key or parameters in the body', () => {
    const answer = errorAnswer(error, { route: 'test', requestId: 'r1' });
    expect(answer).toMatchObject({ status: 409, code: 'CONFLICT', message: 'Already activated. Do not sell it again.', details: { reason: 'already_activated' } });
    expect(JSON.stringify(answer)).not.toContain('alreadyActivated');
  });

  it('keeps the English message in the action failure until the edge translates it (lib/edge/translate.ts)', () => {
    expect(actionFailure(error)).toMatchObject({ ok: false, code: 'CONFLICT', message: 'Already activated. Do not sell it again.', reason: 'already_activated' });
  });
});
