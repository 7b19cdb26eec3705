// Stands in for @peculiar/x509 in the bundled CLI (see build.mjs): on Node the verifier parses
// certificates with node:crypto, so reaching this module means the portable parser was selected.
function unavailable(): never {
  throw new Error('the portable X.509 parser is not bundled into the content-trust CLI');
}
export class X509Certificate {
  constructor() {
    unavailable();
  }
}
export class BasicConstraintsExtension {}
