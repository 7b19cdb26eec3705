// Argument parsing for `content-trust inspect|resolve` (node:util parseArgs).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CommonArgs {
  server?: string;
  ca: string[];
  username?: string;
  password?: string;
  concurrency: number;
  images: string[];
}
export interface InspectArgs extends CommonArgs {
  pretty: boolean;
  status: boolean;
  registry?: string;
  /** A portal trust-data export to read instead of the trust server. */
  archive?: string;
}
export interface ResolveArgs extends CommonArgs {
  output: 'text' | 'json';
}
export type Parsed<T> = T | { error: string } | { help: true };

const COMMON_OPTIONS = {
  server: { type: 'string' },
  ca: { type: 'string', multiple: true },
  username: { type: 'string', short: 'u' },
  password: { type: 'string', short: 'p' },
  concurrency: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

type Values = Record<string, string | boolean | string[] | undefined>;
type CommonResult = { error: string } | { help: true } | { common: CommonArgs; values: Values };

/**
 * Docker's flag parser (pflag) takes the argument after an option that needs a value as that value, even
 * when it starts with "-" (a generated password may); node:util's parseArgs refuses it as ambiguous. Such
 * pairs are passed to parseArgs as `--name=value`.
 */
function joinOptionValues(argv: string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const takesValue = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.type !== 'string') continue;
    takesValue.set(`--${name}`, name);
    if (option.short) takesValue.set(`-${option.short}`, name);
  }
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...joined, ...argv.slice(i)];
    const name = takesValue.get(arg);
    if (name !== undefined && i + 1 < argv.length) joined.push(`--${name}=${argv[++i]!}`);
    else joined.push(arg);
  }
  return joined;
}

function parseCommon(command: string, argv: string[], extra: ParseArgsConfig['options']): CommonResult {
  const options = { ...COMMON_OPTIONS, ...extra };
  let parsed;
  try {
    parsed = parseArgs({ args: joinOptionValues(argv, options), allowPositionals: true, options });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const v = parsed.values as Values;
  if (v.help) return { help: true as const };
  if (parsed.positionals.length === 0)
    return { error: `"content-trust ${command}" requires at least 1 argument.` };
  const concurrency = v.concurrency === undefined ? 16 : Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    return { error: '--concurrency must be a positive integer' };
  const common: CommonArgs = {
    ...(v.server ? { server: v.server as string } : {}),
    ca: (v.ca as string[] | undefined) ?? [],
    ...(v.username ? { username: v.username as string } : {}),
    ...(v.password ? { password: v.password as string } : {}),
    concurrency,
    images: parsed.positionals,
  };
  return { common, values: v };
}

export function parseInspectArgs(argv: string[]): Parsed<InspectArgs> {
  const r = parseCommon('inspect', argv, {
    pretty: { type: 'boolean', default: false },
    status: { type: 'boolean', default: false },
    registry: { type: 'string' },
    archive: { type: 'string' },
  });
  if (!('common' in r)) return r;
  const v = r.values;
  if (v.archive && v.status)
    return { error: '--archive cannot be combined with --status (no registry to compare)' };
  return {
    ...r.common,
    pretty: v.pretty === true,
    status: v.status === true,
    ...(v.registry ? { registry: v.registry as string } : {}),
    ...(v.archive ? { archive: v.archive as string } : {}),
  };
}

export function parseResolveArgs(argv: string[]): Parsed<ResolveArgs> {
  const r = parseCommon('resolve', argv, { output: { type: 'string', short: 'o', default: 'text' } });
  if (!('common' in r)) return r;
  const output = r.values.output;
  if (output !== 'text' && output !== 'json')
    return { error: `--output must be "text" or "json", not "${String(output)}"` };
  return { ...r.common, output };
}
