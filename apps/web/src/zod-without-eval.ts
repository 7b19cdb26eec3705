import { z } from 'zod';

// zod 4 compiles object parsers with `new Function` when it may, and probes that by calling
// `Function('')`: under the portal's CSP (no 'unsafe-eval') the probe is a reported violation. The
// interpreted parsers are what runs anyway, so say so before any schema parses.
z.config({ jitless: true });
