import { scopesAllow, type ApiOperation } from '@/lib/auth/scopes';
import { AppError } from '@/lib/errors';
import { userMessage } from '@/lib/i18n/user-message';
import type { Actor } from './actor';
import { actorRef } from './actor';
import { can, type Permission } from './permissions';

/**
 * Domain-level authorization for operations both people and API clients perform: a user needs
 * the permission, an API client the scope. Either way the record's account must be the actor's.
 */
export function authorizeActor(actor: Actor, rule: { permission: Permission; apiOperation: ApiOperation }): void {
  const allowed = actor.kind === 'user' ? can(actor.role, rule.permission) : scopesAllow(actor.scopes, rule.apiOperation);
  if (!allowed) throw new AppError('FORBIDDEN', 'You do not have permission to do that.', undefined, userMessage('forbidden'));
}

export { actorRef };
