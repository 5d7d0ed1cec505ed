/** Shape of the fieldwork report (server/fieldwork/fieldwork.service.ts): the contract, dates as strings. */
export type {
  ResponseChannel as Channel, QualityFlag, QualityPolicy, Progress, UnitProgress, ProvinceProgress, FlaggedResponse, FieldworkReport,
} from '@contracts/fieldwork';
