/** The four values docker-registry and notary-server both need for Docker token auth (same on both). */
export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  rootCertBundle: string;
}
