/** Each role's navigation: the console's pages for that role (labels from the catalog). */
import type { Role } from '../api/auth';
import type { MessageKey } from '../messages';

export interface NavItem {
  href: string;
  label: MessageKey;
}

export const ROLE_NAV: Record<Role, NavItem[]> = {
  officer: [],
  employer: [],
  participant: [],
  facility: [],
  operator: [],
  bank: [],
};
