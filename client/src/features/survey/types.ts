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
  /** In the open list only: the questionnaire asks for the service point, so kiosks can collect it. */
  kiosk?: boolean;
}

export interface ProvinceOption { code: string; nameVi: string; nameEn: string }
export interface CommuneOption { code: string; provinceCode: string; nameVi: string }

export interface QuestionnaireBundle {
  wave: WaveInfo;
  questionnaire: Record<string, unknown>;
  provinces: ProvinceOption[];
}

/** An unfinished answer, kept on the device so that it survives a reload. */
export interface Draft {
  id: string;
  startedAt: string;
  data: Record<string, unknown>;
  pageNo: number;
  /**
   * Set by earlier versions of the page on completion, when the draft also served as the unsent
   * response; such a draft is moved to the queue when the page opens.
   */
  submittedAt?: string;
}

export interface ServicePointOption { code: string; nameVi: string; province: string }
