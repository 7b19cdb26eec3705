/** English strings of the shell. Feature folders keep their own (features/<blade>/locales). */
export const en = {
  app: {
    name: 'Content Trust Portal',
    tagline: 'Content trust for your container registries',
    skipToContent: 'Skip to main content',
    home: 'Home',
    notFoundTitle: 'Page not found',
    notFoundBody: 'There is nothing at {{path}}. Check the address, or go back to your container registries.',
    goToRegistries: 'Go to container registries',
    directory: 'Directory: {{tenant}}',
    breadcrumb: 'Breadcrumb',
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
    welcomeDeepLink: 'After you sign in, the portal opens the page you asked for.',
    expiredTitle: 'Your session has expired',
    expiredBody: 'Sign in again to continue. You stay on this page.',
    accountMenu: 'Account of {{name}}',
  },
  startup: {
    failed: 'The portal could not start: {{message}}',
    reload: 'Reload',
  },
  common: {
    retry: 'Retry',
    copy: 'Copy',
    copied: 'Copied',
    copyValue: 'Copy {{label}}',
    loading: 'Loading…',
    errorTitle: 'Something went wrong',
    requestId: 'Request id: {{id}}',
    notAllowedTitle: 'You don’t have permission',
    notFoundTitle: 'Not found',
    yes: 'Yes',
    no: 'No',
    enabled: 'Enabled',
    disabled: 'Disabled',
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

/** The same keys with string leaves: what every other language must provide. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof en>;
