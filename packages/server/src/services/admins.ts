/**
 * Who the instance admins are. The rule itself is core's `isInstanceAdmin`; this supplies the
 * configured emails and the first account, which the database marks at sign-up (one row, read
 * by an index on every check, so every instance of a cluster agrees).
 */
import { isInstanceAdmin } from '@chatshare/core';
import type { User, UserRepository } from '../repositories/users.js';

export class AdminDirectory {
  constructor(
    private readonly users: UserRepository,
    private readonly adminEmails: readonly string[],
  ) {}

  async isAdmin(user: User | null): Promise<boolean> {
    if (user === null) return false;
    if (this.adminEmails.length > 0)
      return isInstanceAdmin(user, { adminEmails: this.adminEmails, firstAccountId: null });
    return isInstanceAdmin(user, { adminEmails: [], firstAccountId: await this.users.firstAccountId() });
  }
}
