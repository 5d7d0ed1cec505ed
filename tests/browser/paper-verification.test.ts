/**
 * Issue #16's browser tests of the paper channel, not written yet (the screens and their API are; the API is
 * tested in tests/integration/paper/paper-read.test.ts).
 */
describe('a clerk verifies and keys paper forms in a real browser', () => {
  it.todo('when a form read from scans has a blank and a doubly marked rating, then /admin/paper-forms/<id> shows each cut-out beside its question, pressing 4 then 0 settles them, and the page says the response is stored');
  it.todo('when two clerks key the same unscannable form with one rating different, then the second entry lists the disagreement, the settling choice is stored, and the form counts as stored for its commune');
});
