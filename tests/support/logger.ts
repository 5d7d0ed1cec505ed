import { createLogger } from '../../server/logger';

export const silentLogger = createLogger('silent');
