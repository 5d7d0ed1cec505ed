/** An estimation that cannot proceed on these inputs; the message is Vietnamese first, English after. */
export class EstimationError extends Error {
  override readonly name = 'EstimationError';

  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}
