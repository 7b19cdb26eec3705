/** English strings. Keys are grouped by screen; French mirrors this shape (checked by the type below). */
export const en = {
  app: {
    name: 'Content Trust Portal',
    tagline: 'Content trust for your container registries',
  },
  settings: {
    language: 'Language',
    darkTheme: 'Dark theme',
  },
  session: {
    signIn: 'Sign in',
    signOut: 'Sign out',
    welcomeTitle: 'Welcome',
    welcomeBody: 'Sign in with your organization account to manage content trust on your registries.',
    signedInTitle: 'Your session',
    signedInAs: 'Signed in as {{name}} ({{username}})',
    checkingSession: 'Checking your session…',
    sessionProblem: 'Your session could not be confirmed: {{message}}',
  },
  startup: {
    failed: 'The portal could not start: {{message}}',
    reload: 'Reload',
  },
  health: {
    title: 'Portal status',
    checking: 'Checking the portal backend…',
    ok: 'The portal backend is healthy.',
    degraded: 'The portal backend reports a problem.',
    unreachable: 'The portal backend cannot be reached: {{message}}',
    version: 'Version {{version}}',
    retry: 'Check again',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
