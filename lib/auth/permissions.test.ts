import { describe, expect, it } from 'vitest';
import { ALL_PERMISSIONS, can, homePathFor, ROLES, type Permission, type Role } from './permissions';

// The whole role × permission table, written out: changing who may do what must change this test.
const EXPECTED: Record<Permission, Record<Role, boolean>> = {
  'hq:view': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'cards:read': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'cards:manage': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'transactions:write': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'pins:rotate': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'cards:block': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'cards:adjust': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'cards:refund': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'cards:replace': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'cards:expiry': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'cards:expiryBulk': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'cards:deactivate': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'cards:blockAtCounter': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: true },
  'printRuns:order': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'secrets:release': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'users:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'stores:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'apiClients:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'settings:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'approvals:decide': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'webhooks:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'audit:view': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'reports:view': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: false },
  'accounting:manage': { HQ_ADMIN: true, HQ_STAFF: false, CLERK: false },
  'store:use': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: true },
  'cards:activate': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: true },
  'balance:lookup': { HQ_ADMIN: true, HQ_STAFF: true, CLERK: true },
};

describe('role × permission table', () => {
  it('covers every permission', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  for (const permission of ALL_PERMISSIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission][role];
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it('sends clerks to the store area and HQ roles to HQ', () => {
    expect(homePathFor('CLERK')).toBe('/store');
    expect(homePathFor('HQ_STAFF')).toBe('/hq');
    expect(homePathFor('HQ_ADMIN')).toBe('/hq');
  });
});
