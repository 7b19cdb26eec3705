import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, csvLine } from '../src/services/repositories/report.ts';

describe('CSV report cells', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralizes %j with a leading apostrophe',
    (value) => {
      expect(csvCell(value).replace(/^"|"$/g, '')).toBe(`'${value}`);
    },
  );

  it('leaves ordinary cells alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('sha256:abc')).toBe('sha256:abc');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
  });

  it('writes one CRLF line per row, signers joined, in the header order', () => {
    expect(CSV_HEADER).toBe(
      'repository,tag,status,digest,signedDigest,signers,role,lastPushed,contentTrustPull,reason\r\n',
    );
    expect(
      csvLine({
        repository: 'team/app',
        tag: 'v1',
        status: 'signed',
        digest: 'sha256:1',
        signedDigest: 'sha256:1',
        signers: ['-evil', 'ci'],
        role: 'targets/releases',
        contentTrustPull: 'sha256:1',
      }),
    ).toBe("team/app,v1,signed,sha256:1,sha256:1,'-evil; ci,targets/releases,,sha256:1,\r\n");
  });
});
