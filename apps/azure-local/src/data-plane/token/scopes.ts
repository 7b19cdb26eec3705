/** One Docker token-auth scope: `repository:localhost:8410/hello-world:push,pull`. */
export interface Scope {
  type: string;
  name: string;
  actions: string[];
}

export class ScopeError extends Error {}

const TYPE = /^[a-z0-9]+(?:\([a-z0-9]+\))?$/;
const ACTION = /^(?:\*|[a-z_]+)$/;

/**
 * Parses a scope as the distribution spec does for names that hold `host:port`: the type is the text
 * before the first `:`, the actions the text after the last `:`, the name everything in between.
 */
export function parseScope(text: string): Scope {
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first <= 0 || last === first) {
    throw new ScopeError(
      `scope "${text}" is malformed: expected <type>:<name>:<actions>, e.g. repository:hello-world:pull`,
    );
  }
  const type = text.slice(0, first);
  const name = text.slice(first + 1, last);
  const actions = text
    .slice(last + 1)
    .split(',')
    .filter((a) => a.length > 0);
  if (!TYPE.test(type)) throw new ScopeError(`scope "${text}" has an invalid resource type "${type}"`);
  if (name.length === 0) throw new ScopeError(`scope "${text}" has an empty resource name`);
  if (actions.length === 0 || !actions.every((a) => ACTION.test(a))) {
    throw new ScopeError(
      `scope "${text}" has invalid actions: expected a comma-separated list such as pull,push or *`,
    );
  }
  return { type, name, actions };
}

/** Every scope of a request: repeated parameters, each possibly holding several space-separated scopes. */
export function parseScopes(values: string[]): Scope[] {
  return values
    .flatMap((value) => value.split(' '))
    .filter((s) => s.length > 0)
    .map(parseScope);
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** A repository path as distribution accepts it (lower-case components separated by `/`, ≤ 255 chars). */
export function isValidRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name.split('/').every((c) => PATH_COMPONENT.test(c));
}
