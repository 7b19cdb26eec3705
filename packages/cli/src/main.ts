// content-trust CLI entry: dispatches to a command, loading the verifier only when one runs.
import { readFileSync } from 'node:fs';
import { parseInspectArgs, parseResolveArgs, type Parsed } from './args.ts';
import type { Commands } from './commands.ts';
import type { Io } from './io.ts';
import { INSPECT_USAGE, MAIN_USAGE, RESOLVE_USAGE } from './usage.ts';

export type { Io } from './io.ts';

/** Exit statuses (packages/cli/README.md). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const COMMANDS: Record<string, string> = { inspect: INSPECT_USAGE, resolve: RESOLVE_USAGE };

function version(): string {
  // src/ and dist/ both sit one level below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return `content-trust version ${pkg.version}\n`;
}

function usageError(io: Io, message: string, command?: string): number {
  const hint = command ? `content-trust ${command} --help` : 'content-trust --help';
  io.stderr(`${message}\nSee '${hint}'.\n`);
  return EXIT.usage;
}

function parsedOrExit<T>(io: Io, command: string, parsed: Parsed<T>): T | number {
  if (typeof parsed === 'object' && parsed !== null && 'help' in parsed) {
    io.stdout(COMMANDS[command]!);
    return EXIT.ok;
  }
  if (typeof parsed === 'object' && parsed !== null && 'error' in parsed)
    return usageError(io, (parsed as { error: string }).error, command);
  return parsed;
}

/**
 * `commands` loads the commands' code: the built CLI reads it from its own bundle through V8's code
 * cache (command-loader.ts), tests import the sources.
 */
export async function main(argv: string[], io: Io, commands: () => Promise<Commands>): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr(MAIN_USAGE);
      return EXIT.usage;
    case '-h':
    case '--help':
      io.stdout(MAIN_USAGE);
      return EXIT.ok;
    case '-v':
    case '--version':
      io.stdout(version());
      return EXIT.ok;
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) io.stdout(MAIN_USAGE);
      else if (Object.hasOwn(COMMANDS, topic)) io.stdout(COMMANDS[topic]!);
      else return usageError(io, `unknown help topic "${topic}"`);
      return EXIT.ok;
    }
    case 'inspect': {
      const args = parsedOrExit(io, command, parseInspectArgs(rest));
      if (typeof args === 'number') return args;
      return (await commands()).runInspect(args, io);
    }
    case 'resolve': {
      const args = parsedOrExit(io, command, parseResolveArgs(rest));
      if (typeof args === 'number') return args;
      return (await commands()).runResolve(args, io);
    }
    default:
      return usageError(io, `unknown command "${command}"`);
  }
}
