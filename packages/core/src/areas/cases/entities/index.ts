import { CaseExternalReferenceEntity } from './case-external-reference.entity';
import { CaseLinkEntity } from './case-link.entity';
import { CaseNoteEntity } from './case-note.entity';
import { CaseParticipantEntity } from './case-participant.entity';
import { CaseReferenceCounterEntity } from './case-reference-counter.entity';
import { CaseSubjectEntity } from './case-subject.entity';
import { CaseTimelineEntryEntity } from './case-timeline-entry.entity';
import { CaseEntity } from './case.entity';

export {
  CaseEntity, CaseExternalReferenceEntity, CaseLinkEntity, CaseNoteEntity, CaseParticipantEntity, CaseReferenceCounterEntity,
  CaseSubjectEntity, CaseTimelineEntryEntity,
};

export const casesEntities: Function[] = [
  CaseReferenceCounterEntity, CaseEntity, CaseExternalReferenceEntity, CaseSubjectEntity, CaseParticipantEntity, CaseLinkEntity,
  CaseNoteEntity, CaseTimelineEntryEntity,
];
