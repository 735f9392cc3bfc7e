/**
 * next-auth (Auth.js v5), full configuration: the base (lib/auth/base-config.ts) plus the
 * Credentials provider (id `credentials`: email + password checked against the database).
 */
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getEnv } from '@/lib/env';
import { authenticate } from './authenticate';
import { clientAddress } from './client-address';
import { buildBaseAuthConfig } from './base-config';

/** Thrown for wrong email/password: one code for both, so nothing hints whether the email exists. */
export class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}

export class AccountDisabled extends CredentialsSignin {
  code = 'account_disabled';
}

/** Too many failed sign-ins for the email or from the address (lib/auth/login-throttle.ts). */
export class LoginLocked extends CredentialsSignin {
  code = 'login_locked';
}



export function buildAuthConfig(): NextAuthConfig {
  return {
    ...buildBaseAuthConfig(),
    providers: [
      Credentials({
        id: 'credentials',
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const address = clientAddress(request?.headers.get('x-forwarded-for'), getEnv().AUTH_TRUSTED_PROXY_HOPS);
          const result = await authenticate(credentials, { address });
          if (!result.ok) {
            if (result.reason === 'locked') throw new LoginLocked();
            throw result.reason === 'disabled' ? new AccountDisabled() : new InvalidCredentials();
          }
          const { user } = result;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            accountId: user.accountId,
            storeId: user.storeId,
          };
        },
      }),
    ],
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(buildAuthConfig);
