/** A reporting unit of a geography, with its socio-economic region and (for the 34 units) its old provinces. */
export interface Unit {
  code: string;
  nameVi: string;
  nameEn: string;
  region: string;
  /** vn-34: the vn-63 provinces merged into it; vn-63: the province itself. */
  members: string[];
  /** vn-63: the vn-34 unit it became part of. */
  successor: string | null;
}
