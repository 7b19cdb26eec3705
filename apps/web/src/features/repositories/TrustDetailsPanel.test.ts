import { describe, expect, it } from 'vitest';
import type { RoleDetails } from '@ctp/contracts';
import { expiringSoon } from './TrustDetailsPanel.tsx';

const role = (name: string, expires: string): RoleDetails => ({
  name,
  kind: 'delegation',
  status: 'verified',
  expires,
  threshold: 1,
  keys: [],
  keyHolder: 'repository owner',
  renewedByServer: false,
});

describe('expiringSoon', () => {
  it('warns about roles expiring within 30 days, and only those', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const roles = [
      role('soon', '2026-01-20T00:00:00Z'),
      role('later', '2026-03-01T00:00:00Z'),
      role('past', '2025-12-31T00:00:00Z'),
    ];
    expect(expiringSoon(roles, now).map((r) => r.name)).toEqual(['soon', 'past']);
  });
});
