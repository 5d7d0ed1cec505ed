/** What the paper routes return (server/paper/paper.routes.ts). */
export interface VerificationChoice { value: unknown; label: string }
export interface VerificationItem { question: string; title: string; kind: 'single' | 'multiple' | 'text'; choices: VerificationChoice[]; page: number | null }
export interface VerificationForm {
  id: string; wave: string; label: string; commune: string | null;
  status: 'printed' | 'returned' | 'verification' | 'stored' | 'refused';
  items: VerificationItem[];
  problem: { title: string; errors: { field: string; message: string }[] } | null;
}
export interface VerificationListEntry { id: string; label: string; commune: string | null; status: string; uncertain: number }
export interface PaperCounts { commune: string | null; name: string | null; printed: number; returned: number; read: number; verification: number; stored: number }
export interface ReadResult {
  forms: { form: string; status: string; uncertain: string[] }[];
  pages: { source: string; status: string }[];
}
