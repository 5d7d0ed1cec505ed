/** Shown on every screen of a synthetic wave, in both languages at once so it is never missed. */
export function SyntheticNotice() {
  return (
    <p className="notice synthetic" role="note">
      <strong>Dữ liệu mô phỏng (synthetic)</strong>
      {' — '}
      <span>không phải kết quả khảo sát thật / not real survey results</span>
    </p>
  );
}
