export interface WaveInfo {
  id: string;
  year: number;
  geography: string;
  titleVi: string;
  titleEn: string;
  design: string;
  status: string;
  isSynthetic: boolean;
  questionnaireVersion: number;
}

export interface ProvinceOption { code: string; nameVi: string; nameEn: string }
export interface CommuneOption { code: string; provinceCode: string; nameVi: string }

export interface QuestionnaireBundle {
  wave: WaveInfo;
  questionnaire: Record<string, unknown>;
  provinces: ProvinceOption[];
}

/** What the page keeps on the device until the response is acknowledged. */
export interface Draft {
  id: string;
  startedAt: string;
  data: Record<string, unknown>;
  pageNo: number;
  /** Set once the respondent pressed "complete": the response only waits to be sent. */
  submittedAt?: string;
}
