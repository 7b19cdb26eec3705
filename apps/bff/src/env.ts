import type { ArmClients } from './azure/arm.ts';
import type { GraphClient } from './azure/graph.ts';
import type { Caller } from './auth/token-verifier.ts';
import type { Logger } from './logging.ts';

/** Variables every request carries (set by middleware/request-context.ts). */
export interface RequestVariables {
  requestId: string;
  log: Logger;
}

/** Variables of a request made by a signed-in person (after requireUser and callerContext). */
export interface CallerVariables extends RequestVariables {
  caller: Caller;
  /** ARM through the official SDK clients, on behalf of the caller. */
  arm: ArmClients;
  /** Microsoft Graph on behalf of the caller. */
  graph: GraphClient;
}

export type PublicEnv = { Variables: RequestVariables };
export type PortalEnv = { Variables: CallerVariables };
