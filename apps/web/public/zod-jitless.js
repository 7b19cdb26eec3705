// zod 4 compiles object parsers with `new Function` when it may, and decides so when each schema is
// built, by probing `Function('')`. Under the portal's CSP (no 'unsafe-eval') that probe is a reported
// violation. This classic script runs before any module (so before any schema exists, whatever the
// bundler's chunk order) and tells zod to use its interpreted parsers, which is what runs anyway.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
