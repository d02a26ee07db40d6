import { TenantModuleEntity } from './tenant-module.entity';
import { TenantEntity } from './tenant.entity';

export { TenantEntity, TenantModuleEntity };

export const tenancyEntities: Function[] = [TenantEntity, TenantModuleEntity];
