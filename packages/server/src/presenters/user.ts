/** What a signed-in user sees of their own account, and whether they moderate the instance. */
import type { User } from '../repositories/users.js';

export const presentUser = (user: User, options: { isAdmin: boolean }) => ({
  id: user.id,
  email: user.email,
  name: user.name,
  emailVerified: user.emailVerified,
  createdAt: user.createdAt,
  isAdmin: options.isAdmin,
});
