import { RestError, type PipelinePolicy } from '@azure/core-rest-pipeline';

/** The `additionalPolicies` entry shape shared by the classic and the modular Azure SDK clients. */
export interface AdditionalPolicy {
  policy: PipelinePolicy;
  position: 'perCall' | 'perRetry';
}

/**
 * Pipeline policies every ARM client gets: a timeout on each attempt (the SDK has none by default,
 * so a hung ARM would hang the page) and a correlation id so ARM's logs and ours can be joined.
 */
export function armPolicies(options: { timeoutMs: number; requestId?: string }): AdditionalPolicy[] {
  return [
    {
      position: 'perRetry',
      policy: {
        name: 'ctpTimeout',
        async sendRequest(request, next) {
          if (!request.timeout) request.timeout = options.timeoutMs;
          if (options.requestId && !request.headers.has('x-ms-correlation-request-id')) {
            request.headers.set('x-ms-correlation-request-id', options.requestId);
          }
          try {
            return await next(request);
          } catch (error) {
            // core-rest-pipeline reports a timeout as an AbortError without a status: make it a RestError
            // with 504 so it maps to a clear problem instead of a 500.
            if (error instanceof Error && error.name === 'AbortError' && !request.abortSignal?.aborted) {
              throw new RestError(
                `ARM did not answer within ${options.timeoutMs} ms (${request.method} ${new URL(request.url).pathname}).`,
                {
                  statusCode: 504,
                  code: 'GatewayTimeout',
                  request,
                },
              );
            }
            throw error;
          }
        },
      },
    },
  ];
}
