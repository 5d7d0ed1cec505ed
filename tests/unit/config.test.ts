import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('when nothing is set, then the platform uses port 3000 and the embedded database under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: expect.stringMatching(/data\/pglite$/) });
  });

  it('when DATABASE_URL is a postgres URL, then PostgreSQL is used', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/x' });
    expect(config.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/x' });
  });

  it('when several variables are bad, then every one of them is reported at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT /m);
    expect(problems).toMatch(/^LOG_LEVEL /m);
    expect(problems).toMatch(/^DATABASE_URL /m);
  });

  it('when the response rate is not set, then an address may send 120 at once and 30 a minute; when set, those figures; when not a positive number, it is refused', () => {
    expect(loadConfig({}).responseRate).toEqual({ burst: 120, refillPerMinute: 30 });
    expect(loadConfig({ RESPONSE_RATE_BURST: '500', RESPONSE_RATE_PER_MINUTE: '90' }).responseRate).toEqual({ burst: 500, refillPerMinute: 90 });
    expect(() => loadConfig({ RESPONSE_RATE_BURST: '0' })).toThrow(/RESPONSE_RATE_BURST/);
    expect(() => loadConfig({ RESPONSE_RATE_PER_MINUTE: 'nhiều' })).toThrow(/RESPONSE_RATE_PER_MINUTE/);
  });

  it('when PORT is out of range, then it is refused', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  describe('TRUST_PROXY', () => {
    it.each([
      [undefined, false], ['false', false], ['0', false], ['1', 1], ['2', 2],
      ['10.0.0.1,10.0.0.2', ['10.0.0.1', '10.0.0.2']], [' 10.0.0.0/8 , ::1 ', ['10.0.0.0/8', '::1']], ['loopback', ['loopback']],
    ])('when it is %p, then Express trusts %p', (value, trust) => {
      expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy).toEqual(trust);
    });

    it.each(['true', 'TRUE', ' true '])('when it is %p, then start-up is refused with a message saying why and what to write instead', (value) => {
      let error: unknown;
      try {
        loadConfig({ TRUST_PROXY: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      const problem = (error as ConfigError).problems.join('\n');
      expect(problem).toMatch(/^TRUST_PROXY không nhận true/);
      expect(problem).toMatch(/X-Forwarded-For/);
      expect(problem).toMatch(/10\.0\.0\.1,10\.0\.0\.2/);
    });

    it.each(['yes', '11', '10.0.0.300', '10.0.0.1,proxy.example', '10.0.0.0/33', ','])('when it is %p, then start-up is refused naming TRUST_PROXY', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    });
  });
});
