/**
 * Who the instance admins are. The rule itself is core's `isInstanceAdmin`; this supplies the
 * configured emails and the first account, which is looked up once found: accounts are never
 * deleted, so the first one stays the first.
 */
import { isInstanceAdmin } from '@chatshare/core';
import type { User, UserRepository } from '../repositories/users.js';

export class AdminDirectory {
  private firstAccountId: string | null = null;

  constructor(
    private readonly users: UserRepository,
    private readonly adminEmails: readonly string[],
  ) {}

  async isAdmin(user: User | null): Promise<boolean> {
    if (user === null) return false;
    if (this.adminEmails.length > 0)
      return isInstanceAdmin(user, { adminEmails: this.adminEmails, firstAccountId: null });
    this.firstAccountId ??= await this.users.firstAccountId();
    return isInstanceAdmin(user, { adminEmails: [], firstAccountId: this.firstAccountId });
  }
}
