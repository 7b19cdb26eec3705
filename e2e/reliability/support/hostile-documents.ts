// Hostile stand-ins for one genuine TUF document, in the categories of the verifier's fuzz corpus
// (packages/notary/test/properties.test.ts: arbitrary JSON in place of a role, random bytes, deep nesting,
// oversized files; tamper.test.ts: a flipped signature byte, a changed field not re-signed): what a
// broken or hostile trust server could serve in its place. Built from the genuine bytes, so each differs
// from them in one way only.
import { randomBytes } from 'node:crypto';

export interface HostileOptions {
  /** The most bytes a client may take for this file (its cap): the oversized one is past it. */
  capBytes: number;
  /** The genuine file of the same role of another repository (validly signed, for another GUN). */
  ofAnotherRepository?: Uint8Array;
  /** A genuine earlier version of this very file (validly signed, rolled back). */
  previousVersion?: Uint8Array;
}

type Envelope = {
  signed: { _type?: string; expires: string; version: number };
  signatures: Array<{ sig: string }>;
};

export function hostileDocuments(genuine: Uint8Array, options: HostileOptions): Array<[string, Uint8Array]> {
  const json = JSON.parse(Buffer.from(genuine).toString('utf8')) as Envelope;
  const edited = (change: (doc: Envelope) => void) => {
    const doc = structuredClone(json);
    change(doc);
    return text(JSON.stringify(doc));
  };
  const flipped = edited((doc) => {
    const sig = Buffer.from(doc.signatures[0]!.sig, 'base64');
    sig[0] = sig[0]! ^ 0xff;
    doc.signatures[0]!.sig = sig.toString('base64');
  });
  const documents: Array<[string, Uint8Array]> = [
    ['a truncated body (half of the genuine file)', genuine.subarray(0, Math.floor(genuine.length / 2))],
    ['an empty body', new Uint8Array()],
    ['random bytes', randomBytes(4096)],
    ['JSON of the wrong shape: null', text('null')],
    ['JSON of the wrong shape: an array', text('[]')],
    ['JSON of the wrong shape: an empty object', text('{}')],
    [
      'JSON of the wrong shape: an envelope without signatures',
      text(JSON.stringify({ signed: { _type: json.signed._type }, signatures: [] })),
    ],
    ['a flipped signature byte', flipped],
    ['a later expiry, not re-signed', edited((doc) => void (doc.signed.expires = '2099-01-01T00:00:00Z'))],
    ['a lower version, not re-signed', edited((doc) => void (doc.signed.version = 0))],
    ['JSON nested 100 000 levels', text('['.repeat(100_000) + ']'.repeat(100_000))],
    ['past the size cap', text(`{"signed":${' '.repeat(options.capBytes)}}`)],
  ];
  if (options.previousVersion) documents.push(['the genuine previous version', options.previousVersion]);
  if (options.ofAnotherRepository)
    documents.push(['the genuine file of another repository', options.ofAnotherRepository]);
  return documents;
}

function text(t: string): Uint8Array {
  return new TextEncoder().encode(t);
}
