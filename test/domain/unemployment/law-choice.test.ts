/**
 * Which law governs a claim: Law 74/2025 from 2026-01-01, Law 38/2013 before (rules §8.13).
 */
import { describe, expect, it } from 'vitest';
import { lawFor } from '../../../domain/unemployment';
import { evaluate, domainError } from './fixtures';

describe('which law applies', () => {
  it('a contract ended on or after 2026-01-01 falls under Law 74/2025, an earlier one under Law 38/2013 (rules §8)', () => {
    expect(lawFor('2026-01-01')).toBe('LAW_74_2025');
    expect(lawFor('2025-12-31')).toBe('LAW_38_2013');
    expect(evaluate().law).toBe('LAW_74_2025');
    expect(domainError(() => lawFor('2026-02-30')).code).toBe('INVALID_DATE');
  });
});
