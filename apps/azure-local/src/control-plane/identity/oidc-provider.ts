// The one place that loads oidc-provider's code: the filter below must run before oidc-provider's module
// is evaluated (ES modules evaluate their imports in order), see runtime-warning-filter.ts.
import './runtime-warning-filter.ts';

export { default, errors } from 'oidc-provider';
export type * from 'oidc-provider';
