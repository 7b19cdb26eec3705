// Option values as docker's parser (pflag) takes them: the argument after an option that needs a value is
// that value, even when it starts with "-" (generated passwords do, one time in 64).
import { describe, expect, it } from 'vitest';
import { parseInspectArgs, parseResolveArgs } from '../src/args.ts';

describe('content-trust option values', () => {
  it('takes a value that starts with "-" after -p, --password, -u and --server', () => {
    expect(
      parseInspectArgs(['-u', '-me', '-p', '-Xy9_secret', '--server', '-odd', 'registry.example/app']),
    ).toMatchObject({
      username: '-me',
      password: '-Xy9_secret',
      server: '-odd',
      images: ['registry.example/app'],
    });
    expect(parseResolveArgs(['--password', '--', 'registry.example/app'])).toMatchObject({
      password: '--',
      images: ['registry.example/app'],
    });
  });

  it('keeps every other form: --name=value, repeated --ca, flags, and images after --', () => {
    expect(
      parseInspectArgs(['--password=-a', '--ca', 'one.crt', '--ca', 'two.crt', '--pretty', '--', '-image']),
    ).toMatchObject({ password: '-a', ca: ['one.crt', 'two.crt'], pretty: true, images: ['-image'] });
  });

  it('still reports an option missing its value', () => {
    expect(parseInspectArgs(['registry.example/app', '-p'])).toEqual({
      error: expect.stringMatching(/Option '-p, --password <value>' argument missing/),
    });
  });
});
