'use server';
import { AuthError } from 'next-auth';
import { credentialsSchema } from '@/lib/auth/authenticate';
import { signIn } from '@/lib/auth/config';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { safeParseInput } from '@/lib/input/well-formed';
import { loginMessageFor } from './messages';

export type LoginState = { message: string; email: string } | null;

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const email = String(formData.get('email') ?? '');
  const parsed = safeParseInput(credentialsSchema, { email, password: formData.get('password') });
  if (!parsed.success) return { message: 'Enter your email address and password.', email };
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get('callbackUrl')) ?? '/',
    });
    return null;
  } catch (error) {
    // signIn redirects on success by throwing Next's redirect signal: let it through.
    if (error instanceof AuthError) {
      const code = 'code' in error ? error.code : undefined;
      return { message: loginMessageFor(typeof code === 'string' ? code : undefined), email };
    }
    throw error;
  }
}
