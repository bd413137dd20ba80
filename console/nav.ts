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
  participant: [
    { href: '/console/me', label: 'nav.me.book' },
    { href: '/console/me/claims', label: 'nav.me.claims' },
  ],
  facility: [{ href: '/console/facility', label: 'nav.facility.check' }],
  operator: [
    { href: '/console/operator', label: 'op.nav.runs' },
    { href: '/console/operator/stalled', label: 'op.nav.stalled' },
    { href: '/console/operator/arrears', label: 'op.nav.arrears' },
  ],
  bank: [],
};
