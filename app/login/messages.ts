import { userMessage, type UserMessage } from '@/lib/i18n/user-message';

/** One message for unknown email and wrong password alike, so it reveals nothing. */
export const INVALID_LOGIN_MESSAGE = 'That email and password do not match. Check them and try again.';
export const DISABLED_LOGIN_MESSAGE = 'This account is disabled. Ask your HQ administrator to enable it.';
export const LOCKED_LOGIN_MESSAGE =
  'Too many failed sign-ins. Sign-in is paused for a few minutes; if you have forgotten your password, ask your HQ administrator.';

/** The message for a next-auth sign-in error code (CredentialsSignin subclasses in lib/auth/config.ts). */
export function loginMessageFor(code: string | undefined): string {
  if (code === 'account_disabled') return DISABLED_LOGIN_MESSAGE;
  if (code === 'login_locked') return LOCKED_LOGIN_MESSAGE;
  return INVALID_LOGIN_MESSAGE;
}

/** The same refusal as a catalogue key, for the sign-in page's language (the browser's). */
export function loginUserMessageFor(code: string | undefined): UserMessage {
  if (code === 'account_disabled') return userMessage('loginDisabled');
  if (code === 'login_locked') return userMessage('loginLocked');
  return userMessage('loginInvalid');
}
