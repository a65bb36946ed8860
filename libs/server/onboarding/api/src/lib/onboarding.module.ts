import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { ImportProgress, ImportTargets, PreviewImport, ReadImportProgress, RunImport } from '@cadenza/server/onboarding/domain';
import { build } from '@cadenza/server/platform/http';
import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { ImportsController } from './imports.controller.js';
import { LocalImportProgress } from './local-import-progress.js';

/**
 * The onboarding context: bulk import of a school's records from CSV. The app passes the module providing
 * `ImportTargets` (the bridges' implementation over identity and scheduling).
 */
@Module({})
export class OnboardingModule {
  static register(options: { adapters: Type[] }): DynamicModule {
    return {
      module: OnboardingModule,
      imports: options.adapters,
      controllers: [ImportsController],
      providers: [
        { provide: ImportProgress, useClass: LocalImportProgress },
        { provide: PreviewImport, useValue: new PreviewImport() },
        build(ReadImportProgress, [ImportProgress]),
        build(RunImport, [ImportTargets, ImportProgress, AuditTrail, UnitOfWork, Clock]),
      ],
    };
  }
}
