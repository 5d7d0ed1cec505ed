import type { DemoResult } from './demo.service';

/** What the demo made, for a person: the analyst's password appears here once and nowhere else. */
export function describeDemo(result: DemoResult): string {
  const lines = result.waves.map((w) => w.created
    ? `Đã tạo đợt ${w.id}: ${w.responses} phiếu, ${w.runIds.length} lần ước lượng — created ${w.id}`
    : `Đợt ${w.id} đã có sẵn, giữ nguyên — ${w.id} already exists, left as it is`);
  lines.push(result.analyst
    ? `Tài khoản phân tích/analyst account: ${result.analyst.username}  mật khẩu/password: ${result.analyst.password}  (chỉ hiện một lần / shown once)`
    : 'Tài khoản demo-analyst đã có sẵn; mật khẩu không hiện lại — the demo-analyst account exists; its password is not shown again');
  lines.push('Dữ liệu mô phỏng (synthetic): không phải kết quả khảo sát thật / not real survey results');
  return `${lines.join('\n')}\n`;
}
