/** Shapes of the service-point and kiosk answers (server/service-points, server/kiosks). */
export interface ServicePoint {
  code: string;
  nameVi: string;
  geography: string;
  province: string;
  commune: string | null;
  active: boolean;
  createdAt: string;
}

export interface KioskDevice {
  id: string;
  label: string;
  status: 'active' | 'revoked';
  wave: string | null;
  servicePoint: { code: string; nameVi: string; province: string; active: boolean };
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  waitingAnswers: number | null;
  appVersion: string | null;
  reportedAt: string | null;
}

export interface IssuedEnrolment {
  enrolment: { code: string; expiresAt: string; url: string; wave: string | null; label: string; servicePoint: { code: string; nameVi: string } };
  qrSvg: string;
}
