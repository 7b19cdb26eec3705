// What `content-trust` runs beyond argument parsing and help: bundled apart (dist/commands.cjs) and
// loaded only when a command runs (command-loader.ts).
import { runInspect } from './inspect.ts';
import { runResolve } from './resolve.ts';

export { runInspect, runResolve };

export interface Commands {
  runInspect: typeof runInspect;
  runResolve: typeof runResolve;
}
