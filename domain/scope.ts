/**
 * Who is inside the electronic SI system at all (Circular 09/2026/TT-BTC, scope): units of the
 * Ministry of National Defence and the Ministry of Public Security are outside it (rules §1).
 */
import type { EmployerCategory } from './schemas';
import { circular09, rule } from './law';

/** Circular 09/2026/TT-BTC, scope: units of these ministries are outside the electronic system. */
export const EXCLUDED_CATEGORIES: readonly EmployerCategory[] = ['defence_unit', 'public_security_unit'];

/** Whether an employer of this category is outside the electronic system (Circular 09/2026/TT-BTC, scope). */
export const isOutsideElectronicSystem = rule(
  circular09.whole(),
  function isOutsideElectronicSystem(category: EmployerCategory): boolean {
    return EXCLUDED_CATEGORIES.includes(category);
  },
);
