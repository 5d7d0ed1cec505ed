/**
 * Shown on every screen of an `open` (self-selected) wave's figures, in both languages at once so it is
 * never missed (METHOD.md §7).
 */
export function NonProbabilityNotice() {
  return (
    <p className="notice synthetic" role="note" data-testid="non-probability">
      <strong>Mẫu phi xác suất (non-probability sample)</strong>
      {' — '}
      <span>số liệu không đến từ một mẫu xác suất và không đại diện cho dân số / these figures are not from a probability sample and do not represent the population</span>
    </p>
  );
}
