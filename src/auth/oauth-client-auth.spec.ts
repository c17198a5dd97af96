import { basicClientId, readClientCredentials } from './oauth-client-auth';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('OAuth2 client authentication (RFC 6749 §2.3.1)', () => {
  it('reads HTTP Basic, form-urlencoded parts decoded', () => {
    expect(readClientCredentials(basic('tdm_1', 'a:b c+d%'), {})).toEqual({
      clientId: 'tdm_1',
      clientSecret: 'a:b c+d%',
      via: 'basic',
    });
  });
  it('reads the body when there is no Basic header', () => {
    expect(readClientCredentials(undefined, { client_id: 'x', client_secret: 'y' })).toMatchObject({
      via: 'body',
    });
  });
  it.each([
    ['Basic and a body secret', basic('a', 'b'), { client_secret: 'b' }, 400],
    ['Basic and a different body client_id', basic('a', 'b'), { client_id: 'z' }, 400],
    ['a malformed Basic header', 'Basic !!!', {}, 401],
    ['Basic without a colon', `Basic ${Buffer.from('nocolon').toString('base64')}`, {}, 401],
    ['nothing at all', undefined, {}, 401],
    ['a body without the secret', undefined, { client_id: 'x' }, 401],
  ])('refuses %s', (_n, auth, body, status) => {
    expect(() => readClientCredentials(auth, body)).toThrow(expect.objectContaining({ status }));
  });
  it('names the Basic client for throttling, or null', () => {
    expect(basicClientId(basic('tdm_9', 's'))).toBe('tdm_9');
    expect(basicClientId('Bearer x')).toBeNull();
    expect(basicClientId(undefined)).toBeNull();
  });
});
