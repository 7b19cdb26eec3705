import { describe, expect, it } from 'vitest';
import { errorSummary } from '../src/client.ts';

describe('errorSummary', () => {
  it('keeps the distribution-spec codes and messages, never their detail', () => {
    // What docker-registry answers when its storage fails (the detail names the file it could not read).
    const body = JSON.stringify({
      errors: [
        {
          code: 'UNKNOWN',
          message: 'unknown error',
          detail: { DriverName: 'filesystem', Enclosed: { Op: 'readdirent', Path: '/srv/registry/v2/x' } },
        },
      ],
    });
    expect(errorSummary(body, 500)).toBe('UNKNOWN: unknown error');
  });

  it('drops a 5xx body that is not the spec error JSON, and keeps a short 4xx one', () => {
    expect(errorSummary('panic: open /srv/registry/…: not a directory', 500)).toBe('');
    expect(errorSummary('bad tag', 400)).toBe('bad tag');
  });
});
