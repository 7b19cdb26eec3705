import * as z from 'zod';

/** GET /api/config — public: what the SPA needs to sign in (MSAL settings), no secrets. */
export const clientConfigSchema = z.object({
  auth: z.object({
    clientId: z.string(),
    authority: z.string().url(),
    /** Hosts MSAL may trust as authorities without Microsoft's instance discovery. */
    knownAuthorities: z.array(z.string()),
    /** Scope of the BFF's API, requested at sign-in. */
    apiScope: z.string(),
    /** Downstream scopes consented at sign-in too (ARM), so later calls need no prompt. */
    extraScopesToConsent: z.array(z.string()),
  }),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** GET /api/me — the signed-in person, as the BFF verified them from the access token. */
export const currentUserSchema = z.object({
  objectId: z.string(),
  tenantId: z.string(),
  name: z.string(),
  username: z.string(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;
