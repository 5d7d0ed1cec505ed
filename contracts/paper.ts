/** Paper forms of one commune of a wave (issue #16), as the fieldwork monitor and the paper screen show them. */
export interface PaperCounts {
  commune: string | null;
  province: string | null;
  name: string | null;
  printed: number;
  returned: number;
  read: number;
  verification: number;
  stored: number;
}
