import type { Logger } from 'pino';
import { TOKENS, token, type Token } from '@ketenhuis/sdk';
import type { ActorCache } from './auth/actor-cache';
import type { PlatformConfig } from './config/config';
import type { FieldCipher } from './crypto';
import type { ModuleRegistry } from './modules/module-registry';
import type { QueueFactory } from './queues/queue-backend';

/**
 * The SDK's tokens with core's own types for the services modules see untyped: the same
 * symbols, so one container serves both. The one place these types are joined to their tokens.
 */
export const CORE_TOKENS = {
  ...TOKENS,
  Config: TOKENS.Config as Token<PlatformConfig>,
  Logger: TOKENS.Logger as Token<Logger>,
  ModuleRegistry: TOKENS.ModuleRegistry as Token<ModuleRegistry>,
  QueueFactory: TOKENS.QueueFactory as Token<QueueFactory>,
  FieldCipher: TOKENS.FieldCipher as Token<FieldCipher>,
  /** Core's own, not the SDK's: resolved actors, which identity's writes drop. */
  Actors: token<ActorCache>('Actors'),
};
