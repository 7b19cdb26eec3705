// content-trust CLI entry: `content-trust inspect …`.
import { openTrustArchive } from './archive-source.ts';
import { parseInspectArgs, USAGE } from './args.ts';
import { runInspect, type Io } from './inspect.ts';

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'inspect') {
    io.stderr(`unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  const args = parseInspectArgs(rest);
  if ('help' in args) {
    io.stdout(USAGE);
    return 0;
  }
  if ('error' in args) {
    io.stderr(`${args.error}\nSee 'content-trust inspect --help'.\n`);
    return 1;
  }
  if (args.archive) {
    try {
      return runInspect(args, io, (await openTrustArchive(args.archive)).verifier);
    } catch (error) {
      io.stderr(`${(error as Error).message}\n`);
      return 1;
    }
  }
  return runInspect(args, io);
}
