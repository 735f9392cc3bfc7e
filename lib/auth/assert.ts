import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { UserActor } from './actor';
import { can, type Permission } from './permissions';

/** Domain functions check their own authorization; callers' checks are not trusted to exist. */
export function assertCan(actor: UserActor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('FORBIDDEN', 'You do not have permission to do that.', undefined, userMessage('forbidden'));
}
