import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

const complete = {
  BFF_PORT: '9443',
  BFF_TLS_CERT: '/c.crt',
  BFF_TLS_KEY: '/c.key',
  BFF_PUBLIC_URL: 'https://localhost:9443',
  BFF_WEB_DIST: '/dist',
  BFF_AUTHORITY: 'https://localhost:9401/tenant/v2.0',
  BFF_API_AUDIENCE: 'api://content-trust-bff',
  BFF_API_SCOPE: 'api://content-trust-bff/access_as_user',
  SPA_CLIENT_ID: 'spa',
  BFF_CLIENT_ID: 'bff',
  BFF_CLIENT_SECRET: 'secret',
  BFF_TENANT_ID: '72F988BF-0000-4000-8000-00000000C7A1, 11111111-0000-4000-8000-000000000000',
};

describe('BFF configuration', () => {
  it('requires the tenant allow-list (tokens of any tenant are refused without it)', () => {
    const { BFF_TENANT_ID: _omitted, ...withoutTenant } = complete;
    expect(() => loadConfig(withoutTenant)).toThrowError(/BFF_TENANT_ID/);
  });

  it('names every missing or invalid setting', () => {
    expect(() => loadConfig({ BFF_PORT: 'eighty' })).toThrowError(
      /BFF_PORT[\s\S]*BFF_TLS_CERT[\s\S]*BFF_PUBLIC_URL[\s\S]*BFF_AUTHORITY/,
    );
  });

  it('reads a complete environment', () => {
    const config = loadConfig(complete);
    expect(config).toMatchObject({ port: 9443, host: '127.0.0.1', webDist: '/dist' });
    expect(config.auth).toMatchObject({
      spaClientId: 'spa',
      armScope: 'https://management.azure.com/user_impersonation',
      allowedTenants: ['72f988bf-0000-4000-8000-00000000c7a1', '11111111-0000-4000-8000-000000000000'],
    });
  });
});
