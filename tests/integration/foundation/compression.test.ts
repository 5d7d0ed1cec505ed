import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../../support/app';
import { testDatabases } from '../../support/databases';
import { createWave } from '../../support/waves';

/** The wire, not the decoded body: what a citizen's phone actually downloads. */
async function get(url: string): Promise<{ encoding: string | null; type: string | null; body: string }> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'br, gzip' } });
  return { encoding: res.headers.get('content-encoding'), type: res.headers.get('content-type'), body: await res.text() };
}

describe('compression of what the platform sends (embedded database)', () => {
  let app: TestApp;
  let clientDir: string;
  let wave: string;

  beforeAll(async () => {
    clientDir = mkdtempSync(path.join(os.tmpdir(), 'sipas-client-'));
    mkdirSync(path.join(clientDir, 'assets'));
    writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>SIPAS</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(path.join(clientDir, 'assets', 'app.js'), `export const big = ${JSON.stringify('Xin chào '.repeat(5000))};`);
    writeFileSync(path.join(clientDir, 'assets', 'rows.csv'), 'a,b\n'.repeat(5000));
    // A copy the build compressed (client/precompress.ts): marked, to tell it from one compressed on the fly.
    writeFileSync(path.join(clientDir, 'assets', 'built.js'), 'export const made = "on the fly";');
    writeFileSync(path.join(clientDir, 'assets', 'built.js.br'), brotliCompressSync('export const made = "at build time";'));
    app = await startTestApp(testDatabases[0], { clientDir });
    wave = (await createWave(app.db)).id;
  });
  afterAll(async () => {
    await app?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('when a phone asks for the app and the questionnaire, then both come compressed and intact', async () => {
    const script = await get(`${app.url}/assets/app.js`);
    expect(script.encoding).toBe('br');
    expect(script.body).toContain('Xin chào Xin chào');
    const questionnaire = await get(`${app.url}/api/waves/${wave}/questionnaire`);
    expect(questionnaire.encoding).toBe('br');
    expect(JSON.parse(questionnaire.body)).toHaveProperty('questionnaire');
    const page = await get(`${app.url}/s/${wave}`);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.body).toContain('<title>SIPAS</title>');
  });

  it('when the build compressed a file, then that copy is sent as it is, with its type and a long cache life', async () => {
    const res = await fetch(`${app.url}/assets/built.js`, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toBe('export const made = "at build time";');
    // A client that takes neither encoding gets the file itself.
    const plain = await fetch(`${app.url}/assets/built.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(await plain.text()).toBe('export const made = "on the fly";');
  });

  it("when a wave's page is opened, then it names the questionnaire to preload; an id that is not a slug gets the plain page", async () => {
    const page = await get(`${app.url}/s/${wave}`);
    expect(page.body).toContain(`<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/waves/${wave}/questionnaire">`);
    const hostile = await get(`${app.url}/s/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(hostile.body).not.toContain('preload');
    expect(hostile.body).not.toContain('<script>alert');
  });

  it('when a file is not a whole document worth compressing (CSV, which exports stream), then it goes out as written', async () => {
    const csv = await get(`${app.url}/assets/rows.csv`);
    expect(csv.encoding).toBeNull();
    expect(csv.body.startsWith('a,b\na,b\n')).toBe(true);
  });
});
