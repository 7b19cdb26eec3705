import { ArmError } from './errors.ts';

/** api-versions the local ARM accepts per resource provider (the real ones; newest last). */
export const API_VERSIONS = {
  resources: [
    '2016-06-01',
    '2019-11-01',
    '2020-01-01',
    '2021-01-01',
    '2021-04-01',
    '2022-09-01',
    '2022-12-01',
    '2023-07-01',
    '2024-03-01',
    '2024-07-01',
    '2024-11-01',
    '2025-04-01',
  ],
  containerRegistry: [
    '2019-05-01',
    '2021-09-01',
    '2022-12-01',
    '2023-01-01-preview',
    '2023-07-01',
    '2023-11-01-preview',
    '2024-11-01-preview',
    '2025-04-01',
    '2025-05-01-preview',
    '2025-11-01',
    '2026-01-01-preview',
  ],
  authorization: [
    '2015-07-01',
    '2018-01-01-preview',
    '2018-07-01',
    '2020-04-01-preview',
    '2020-10-01-preview',
    '2021-04-01-preview',
    '2022-04-01',
    '2022-05-01-preview',
  ],
  insights: ['2015-04-01', '2017-03-01-preview'],
} as const;

export type ApiFamily = keyof typeof API_VERSIONS;

export function checkApiVersion(family: ApiFamily, value: string | undefined, resourceType: string): string {
  if (value === undefined || value === '') {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  const supported: readonly string[] = API_VERSIONS[family];
  if (!supported.includes(value)) {
    if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(value)) {
      throw new ArmError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${value}' is invalid. The supported versions are '${supported.join(',')}'.`,
      );
    }
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location '${'westeurope'}' and API version '${value}' for type '${resourceType}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'westeurope'.`,
    );
  }
  return value;
}
