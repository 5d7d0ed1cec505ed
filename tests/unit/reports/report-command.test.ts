import { Writable } from 'node:stream';
import { runCli } from '../../../server/cli/main';

function io() {
  let err = '';
  const stderr = Object.assign(new Writable({ write(chunk, _enc, done) { err += String(chunk); done(); } }), { isTTY: false });
  const stdout = new Writable({ write(_c, _e, done) { done(); } });
  return { io: { stdout, stderr }, err: () => err };
}

describe('the report and export commands', () => {
  it.each([
    [['report', '--out', 'r.pdf'], /--run/],
    [['report', '--run', 'not-a-run', '--out', 'r.pdf'], /UUID/],
    [['export:estimates', '--run', '00000000-0000-4000-8000-000000000000', '--format', 'ods'], /--format/],
    [['export:microdata', '--run', '00000000-0000-4000-8000-000000000000'], /--out/],
  ])('when given %j, then it refuses with status 2 before opening the database', async (argv, message) => {
    const { io: streams, err } = io();
    expect(await runCli(argv, streams)).toBe(2);
    expect(err()).toMatch(message);
  });
});
