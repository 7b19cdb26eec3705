import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';

/** GET /api/openapi.json — generated from the same zod schemas that validate requests and answers. */
export function registerOpenApiDocument<E extends Env>(api: OpenAPIHono<E>): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'portalToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token for the portal API scope (`access_as_user`), from the identity provider.',
  });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Content Trust Portal API',
      version: process.env.npm_package_version ?? '0.0.0',
      description:
        'The backend-for-frontend of the Content Trust Portal: registries, content-trust policy, role assignments and verified trust data, on behalf of the signed-in person.',
    },
    servers: [{ url: '/api' }],
  });
}
