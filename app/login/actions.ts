'use server';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { credentialsSchema } from '@/lib/auth/authenticate';
import { signIn } from '@/lib/auth/config';
import { safeCallbackPath } from '@/lib/auth/safe-redirect';
import { publicFormAction } from '@/lib/edge/form-action';
import { AppError } from '@/lib/errors';
import { loginMessageFor, loginUserMessageFor } from './messages';

const loginFormSchema = credentialsSchema.extend({ callbackUrl: z.unknown().optional() });

export const loginAction = publicFormAction('login', loginFormSchema, async (input) => {
  try {
    // On success signIn redirects by throwing Next's redirect signal, which the edge lets through.
    await signIn('credentials', { email: input.email, password: input.password, redirectTo: safeCallbackPath(input.callbackUrl) ?? '/' });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error ? error.code : undefined;
      const reason = typeof code === 'string' ? code : undefined;
      throw new AppError('UNAUTHENTICATED', loginMessageFor(reason), undefined, loginUserMessageFor(reason));
    }
    throw error;
  }
});
