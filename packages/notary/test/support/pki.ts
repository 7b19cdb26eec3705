// Throwaway PKI made with openssl: a CA and a TLS leaf for 127.0.0.1/localhost, and EC delegation keys.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileP } from './processes.ts';

const openssl = (args: string[], cwd: string) => execFileP('openssl', args, { cwd });

export interface TlsPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

export async function makeTlsPki(dir: string): Promise<TlsPki> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key'], dir);
  await openssl(
    [
      'req',
      '-new',
      '-x509',
      '-key',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '2',
      '-subj',
      '/CN=ctp test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'server.key'], dir);
  await openssl(['req', '-new', '-key', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], dir);
  await writeFile(
    join(dir, 'ext.cnf'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    ],
    dir,
  );
  return {
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
  };
}

export interface DelegationKey {
  name: string;
  /** PKCS#8 private key (unencrypted PEM) for `notary key import` and for signing in tests. */
  pkcs8: string;
  cert: string;
}

export async function makeDelegationKey(dir: string, name: string): Promise<DelegationKey> {
  await openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.ec`], dir);
  await openssl(['pkcs8', '-topk8', '-nocrypt', '-in', `${name}.ec`, '-out', `${name}.p8`], dir);
  await openssl(
    [
      'req',
      '-new',
      '-x509',
      '-key',
      `${name}.ec`,
      '-out',
      `${name}.crt`,
      '-days',
      '365',
      '-subj',
      `/CN=${name}`,
    ],
    dir,
  );
  return { name, pkcs8: join(dir, `${name}.p8`), cert: join(dir, `${name}.crt`) };
}
