import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';

describe('BFF configuration', () => {
  it('names every missing or invalid setting', () => {
    expect(() => loadConfig({ BFF_PORT: 'eighty' })).toThrowError(
      /BFF_PORT[\s\S]*BFF_TLS_CERT[\s\S]*BFF_PUBLIC_URL/,
    );
  });

  it('reads a complete environment', () => {
    const config = loadConfig({
      BFF_PORT: '9443',
      BFF_TLS_CERT: '/c.crt',
      BFF_TLS_KEY: '/c.key',
      BFF_PUBLIC_URL: 'https://localhost:9443',
      BFF_WEB_DIST: '/dist',
    });
    expect(config).toMatchObject({ port: 9443, host: '127.0.0.1', webDist: '/dist' });
  });
});
