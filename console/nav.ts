/** Each role's navigation: the console's pages for that role (labels from the catalog). */
import type { Role } from '../api/auth';
import type { MessageKey } from '../messages';

export interface NavItem {
  href: string;
  label: MessageKey;
}

export const ROLE_NAV: Record<Role, NavItem[]> = {
  officer: [
    { href: '/console/officer', label: 'officer.nav.queue' },
    { href: '/console/officer/onboardings', label: 'officer.nav.onboardings' },
    { href: '/console/officer/participants', label: 'officer.nav.participants' },
    { href: '/console/recovery', label: 'officer.nav.recovery' },
  ],
  employer: [
    { href: '/console/employer', label: 'nav.employer.home' },
    { href: '/console/employer/employees', label: 'nav.employer.employees' },
    { href: '/console/employer/declare', label: 'nav.employer.declare' },
    { href: '/console/employer/file', label: 'nav.employer.file' },
    { href: '/console/employer/months', label: 'nav.employer.months' },
    { href: '/console/employer/transfers', label: 'nav.employer.transfers' },
  ],
  participant: [
    { href: '/console/me', label: 'nav.me.book' },
    { href: '/console/me/claims', label: 'nav.me.claims' },
    { href: '/console/me/notices', label: 'nav.me.notices' },
    { href: '/console/me/cases', label: 'nav.me.cases' },
    { href: '/console/me/data-updates', label: 'dataUpdate.title' },
  ],
  facility: [{ href: '/console/facility', label: 'nav.facility.check' }],
  operator: [
    { href: '/console/operator', label: 'op.nav.runs' },
    { href: '/console/operator/stalled', label: 'op.nav.stalled' },
    { href: '/console/operator/arrears', label: 'op.nav.arrears' },
  ],
  bank: [],
};
