import type { Member } from './session';

/**
 * What the console shows a member. Only a convenience for the screen: the API checks the role of
 * every request itself, so a stale role here can show a page but never do anything with it.
 */
export function isStaff(member: Member): boolean {
  return member.role === 'editor' || member.role === 'admin';
}

export function isAdmin(member: Member): boolean {
  return member.role === 'admin';
}
