import { IdempotencyKeyEntity } from './idempotency-key.entity';

export { IdempotencyKeyEntity };

export const httpEntities: Function[] = [IdempotencyKeyEntity];
