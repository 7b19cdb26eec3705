// The one place that loads oidc-provider's code, between installing and removing the filter of its
// Node-version notice (see runtime-warning-filter.ts): ES modules evaluate their imports in order, and
// this module's body only after all of them.
import { endRuntimeWarningFilter } from './runtime-warning-filter.ts';

export { default, errors } from 'oidc-provider';
export type * from 'oidc-provider';

endRuntimeWarningFilter();
