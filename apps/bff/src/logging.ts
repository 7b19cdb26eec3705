import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs (pino). Tokens and secrets never reach a log line: request headers are not
 * logged, and the paths below are redacted wherever an object carrying them is logged by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'bff' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'accessToken',
          '*.accessToken',
          'token',
          '*.token',
          'refreshToken',
          '*.refreshToken',
          'clientSecret',
          '*.clientSecret',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
