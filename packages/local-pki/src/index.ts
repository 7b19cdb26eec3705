export { ensureLocalCa, type CertificateFiles, type LeafRequest, type LocalCa } from './local-ca.ts';
export { createSelfSigned, type SelfSignedRequest } from './self-signed.ts';
export { openssl } from './openssl.ts';
