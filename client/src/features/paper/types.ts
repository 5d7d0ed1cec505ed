/** What the paper routes return (server/paper/paper.routes.ts). */
export interface VerificationChoice { value: unknown; label: string }
export interface VerificationItem {
  question: string; title: string; kind: 'single' | 'multiple' | 'text'; choices: VerificationChoice[]; page: number | null;
  /** The question's page was scanned: its cut-out can be shown. */
  scanned: boolean;
  /** A double entry's disagreement: the first and second clerk's values. */
  keyed?: [unknown, unknown];
}
export interface VerificationForm {
  id: string; wave: string; label: string; commune: string | null;
  status: 'printed' | 'returned' | 'verification' | 'stored' | 'refused';
  items: VerificationItem[];
  problem: { title: string; errors: { field: string; message: string }[] } | null;
}
export interface VerificationListEntry { id: string; label: string; commune: string | null; status: string; uncertain: number; disagreements: number }
export interface KeyingForm {
  id: string; wave: string; label: string; commune: string | null;
  status: VerificationForm['status'];
  pass: 1 | 2 | null;
  awaitingSecond: boolean;
  disagreements: string[];
  fields: VerificationItem[];
}
export type { PaperCounts } from '@contracts/paper';
export interface ReadResult {
  forms: { form: string; status: string; uncertain: string[] }[];
  pages: { source: string; status: string }[];
}
